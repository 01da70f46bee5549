/**
 * A small, tested intent parser: a question typed in Discord (or to `hostwatch ask`) -> what is asked,
 * about which service, for which period. Pure: no clock, no store; the engine resolves the period.
 */
import { findPeriod, type PeriodRequest } from './periods.js';

export type IntentName =
  | 'greeting'
  | 'help'
  | 'server'
  | 'status'
  | 'service-state'
  | 'uptime'
  | 'downtime'
  | 'last-outage'
  | 'maintenance-list'
  | 'maintenance-next'
  | 'maintenance-add'
  | 'maintenance-remove'
  | 'report'
  | 'secret'
  | 'action'
  | 'too-long'
  | 'unknown';

export interface ParsedQuestion {
  intent: IntentName;
  /** A known service the question names (host aliases: server, machine, instance, box). */
  service?: string;
  /** A service-like word that names no known service ("is foobar up?"). */
  unknownService?: string;
  period?: PeriodRequest;
  /** The question as typed, shortened: only ever echoed through a neutralising renderer. */
  text: string;
}

export interface ParseContext {
  /** Known service names: 'host' and the configured ones. */
  services: readonly string[];
}

/** Longer messages are not parsed at all (the reply says so); parsing stays cheap whatever arrives. */
const MAX_QUESTION_CHARS = 1000;
const ECHO_CHARS = 120;

/** Lower case, mentions and punctuation out, single spaces. */
export function normalizeQuestion(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/<(?:@[!&]?|#)\d+>/g, ' ')
    .replace(/[\u2018\u2019`´]/g, "'")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}'\-.:/ ]+/gu, ' ')
    .replace(/(^|\s)[-.:/']+|[-.:/']+(?=\s|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const HOST_ALIASES = /\b(?:the |my |our |this )?(server|machine|instance|box|host)\b/;

/** Words that follow "is" or "uptime of" without being a service name. */
const NOT_A_SERVICE = new Set([
  'it',
  'everything',
  'anything',
  'something',
  'all',
  'there',
  'this',
  'that',
  'the',
  'my',
  'our',
  'last',
  'past',
  'previous',
  'today',
  'yesterday',
  'week',
  'month',
  'services',
  'service',
  'things',
  'we',
  'you',
  'stuff',
  'a',
  'an',
  'any',
  'current',
  'uptime',
  'downtime',
  'availability',
  'maintenance',
  'site',
  'website',
  'app',
  'system',
  'systems',
  'still',
  'now',
  'currently',
  'every',
]);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function findService(text: string, services: readonly string[]): string | undefined {
  // Longest names first: "api-v2" before "api".
  for (const name of [...services].sort((a, b) => b.length - a.length)) {
    if (
      new RegExp(`(^|[^\\p{L}\\p{N}_-])${escapeRegExp(name.toLowerCase())}($|[^\\p{L}\\p{N}_-])`, 'u').test(
        text,
      )
    )
      return name;
  }
  return undefined;
}

const SERVICE_WORD = String.raw`([\p{L}\p{N}][\p{L}\p{N}_.-]{0,62})`;
const UNKNOWN_SERVICE_PATTERNS = [
  new RegExp(
    String.raw`\b(?:is|are|was|did|has) (?:the )?${SERVICE_WORD} (?:service )?(?:up|down|running|ok|okay|alive|healthy|working|online|offline|reachable|fine|go down|been down|went down)\b`,
    'u',
  ),
  new RegExp(
    String.raw`\b(?:uptime|availability|downtime|outages?|incidents?|status|state|health) (?:of|for|on) (?:the )?${SERVICE_WORD}`,
    'u',
  ),
  new RegExp(String.raw`\bhow is (?:the )?${SERVICE_WORD}(?: doing)?$`, 'u'),
];

function findUnknownService(text: string): string | undefined {
  for (const pattern of UNKNOWN_SERVICE_PATTERNS) {
    const word = pattern.exec(text)?.[1];
    if (word && !NOT_A_SERVICE.has(word) && !HOST_ALIASES.test(word) && !/^\d/.test(word)) return word;
  }
  return undefined;
}

const STATE_WORDS = String.raw`(?:up|down|available|running|ok|okay|alive|healthy|working|online|offline|reachable|fine|broken|dead)`;

/** Checked in order; the first that matches names the intent. */
const INTENT_RULES: ReadonlyArray<[IntentName, RegExp]> = [
  [
    'secret',
    /\b(tokens?|passwords?|passwd|secrets?|credentials?|api keys?|private keys?|ssh keys?|env vars?|environment variables?)\b/,
  ],
  [
    'action',
    /^(?:please |pls |hey )?(?:restart|reboot|stop|start|kill|delete|drop|remove|shut ?down|deploy|roll ?back|run|execute|exec|sudo|rm|install|update|upgrade|disable|enable|fix|scale|wipe|format|truncate)\b/,
  ],
  [
    'action',
    /\b(?:can|could|would|will) you (?:please )?(?:restart|reboot|stop|start|kill|delete|drop|remove|shut ?down|deploy|roll ?back|run|execute|install|update|upgrade|disable|enable|fix|scale|wipe)\b/,
  ],
  [
    'help',
    /^(?:help|\?+|commands|usage|menu|what can you do|what can i ask(?: you)?|what do you know|how does this work|how do i use (?:you|this)|what are you|who are you)\b/,
  ],
  [
    'server',
    /\btell me (?:something |more )?about (?:my |the |this |our |your )?(?:server|host|machine|box|instance)\b/,
  ],
  [
    'server',
    /\b(?:server|host|machine|instance|box) (?:info|information|details|overview|specs|facts|summary)\b/,
  ],
  [
    'server',
    /\b(?:describe|show|about) (?:me )?(?:my |the |this |our )?(?:server|host|machine|instance|box)\b/,
  ],
  ['server', /^(?:server|whoami|about|info|sysinfo|system info)$/],
  [
    'maintenance-next',
    /\b(?:next|when(?:'s| is| does| will)?|upcoming) .*\b(?:maintenance|maint|patching|patch window)\b/,
  ],
  [
    'maintenance-next',
    /\b(?:maintenance|patching)\b.*\b(?:next|when|now|right now|active|currently|at the moment)\b/,
  ],
  [
    'maintenance-list',
    /\b(?:maintenance|maint|patching|patch windows?|planned (?:work|downtime|outages?)|scheduled (?:work|downtime|outages?))\b/,
  ],
  ['report', /\b(?:weekly|week's|uptime|availability|sla|slo) report\b/],
  ['report', /\breport (?:for|of|on|from) (?:this|last|the|previous|past) week\b/],
  [
    'last-outage',
    /\b(?:last|latest|most recent|previous|recent most) (?:outage|incident|downtime|failure|crash|problem|issue|time (?:it|\S+) (?:was|went) down)\b/,
  ],
  ['last-outage', /\bwhen (?:was|did) .*\b(?:last|latest)\b.*\b(?:down|outage|incident|fail|crash)/],
  [
    'last-outage',
    /\bwhen (?:was|did) (?:there|the|it|\S+)? ?(?:an? )?(?:last )?(?:outage|incident|go down|went down|down|fail|crash)\b/,
  ],
  [
    'downtime',
    /\b(?:downtime|down time|outages?|incidents?|went down|go down|goes down|gone down|was down|were down|been down|crash(?:ed|es)?|failures?|failed|problems?|issues?|disruptions?|unavailable|unavailability|interruptions?|hiccups?|blips?)\b/,
  ],
  [
    'uptime',
    /\b(?:uptime|up time|availability|sla|slo|error budget|budget|nines|reliability|was \S+ up|were \S+ up)\b/,
  ],
  ['service-state', new RegExp(String.raw`\b(?:is|are) (?!there\b).*\b${STATE_WORDS}\b(?! ?time)`)],
  ['service-state', /\b(?:status|state|health) of\b/],
  ['service-state', /^how(?:'s| is) (?!(?:everything|it going|things|we|it)\b)\S+(?: doing)?$/],
  ['status', /^(?:status|health|state|overview|summary|check|report|all good|everything ok|ok)\b/],
  ['status', /\bhow(?:'s| is| are) (?:everything|it going|things|we|the services|all services|it)\b/],
  [
    'status',
    /\b(?:is|are) (?:everything|all|things|we|all services|the services|you) (?:up|ok|okay|good|fine|running|alright|working|healthy)\b/,
  ],
  ['status', /\bwhat(?:'s| is) (?:the )?(?:status|state|situation)\b/],
  [
    'greeting',
    /^(?:hello|hi|hey|howdy|hiya|yo|hallo|moin|servus|good (?:morning|afternoon|evening|day)|greetings|ping|sup|what's up|whats up)\b/,
  ],
];

/** What a question asks. `services` are the names the parser may recognise. */
export function parseQuestion(raw: string, context: ParseContext): ParsedQuestion {
  const text = raw.length > ECHO_CHARS ? `${raw.slice(0, ECHO_CHARS)}…` : raw;
  if (raw.length > MAX_QUESTION_CHARS) return { intent: 'too-long', text };
  const normalized = normalizeQuestion(raw);
  // A bare mention asks for help; emoji or punctuation alone is not understood.
  if (normalized === '')
    return { intent: raw.replace(/<(?:@[!&]?|#)\d+>/g, '').trim() === '' ? 'help' : 'unknown', text };
  const intent = INTENT_RULES.find(([, pattern]) => pattern.test(normalized))?.[0] ?? 'unknown';
  const question: ParsedQuestion = { intent, text };
  if (['greeting', 'help', 'secret', 'action', 'unknown', 'server', 'status'].includes(intent))
    return question;
  if (intent === 'report') {
    const period = findPeriod(normalized);
    if (period !== undefined) question.period = period;
    return question;
  }
  const service =
    findService(normalized, context.services) ??
    (intent === 'service-state' || intent === 'uptime' || intent === 'downtime' || intent === 'last-outage'
      ? HOST_ALIASES.exec(normalized) && context.services.includes('host')
        ? 'host'
        : undefined
      : undefined);
  if (service !== undefined) question.service = service;
  else {
    const unknown = findUnknownService(normalized);
    if (unknown !== undefined) question.unknownService = unknown;
  }
  if (intent === 'service-state' && question.service === undefined && question.unknownService === undefined) {
    question.intent = 'status';
    return question;
  }
  if (intent === 'uptime' || intent === 'downtime') {
    const period = findPeriod(normalized);
    if (period !== undefined) question.period = period;
  }
  return question;
}
