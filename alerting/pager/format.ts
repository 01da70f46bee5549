/**
 * Renders a notification into one SNS Publish with MessageStructure json. Pure.
 *
 * - Subject: "ALARM: " or "OK: " + the quoted title + " in REGION": PagerDuty's CloudWatch integration
 *   drops events whose subject prefix does not match the state. At most 100 printable ASCII characters.
 * - default / email: readable text; sms: one line of at most 140 characters; https: the CloudWatch alarm
 *   notification JSON (AlarmName = the dedup key), so PagerDuty opens and auto-resolves one incident.
 * - Message attributes: severity, dedup_key, kind, host (usable in subscription filter policies).
 */
import { formatDuration } from '../../agent/config/duration.js';
import { alarmState, clip, type Notification } from '../notification.js';
import { regionName } from './regions.js';

const MAX_SUBJECT_LENGTH = 100;
export const MAX_SMS_LENGTH = 140;
/** SNS's limit for the whole message: body plus attributes. */
export const MAX_MESSAGE_BYTES = 256 * 1024;
/** A notification sent this long after its event says it is late (or sooner, when attempts failed before). */
const DELAYED_AFTER_MS = 60_000;

export interface PublishMessage {
  subject: string;
  /** The JSON object with default/email/sms/https strings, serialised. */
  message: string;
  attributes: Record<string, string>;
}

export interface FormatContext {
  /** When the message is being sent (decides the "delayed" note). */
  sentAt: number;
  /** The topic's account, for AWSAccountId / AlarmArn. */
  accountId: string;
  /** The alarm's region (the host's, else the topic's). */
  region: string;
  topicArn: string;
  /** Failed attempts before this one: a message that could not go out at once says it is late. */
  previousAttempts?: number;
}

/** How late the message is, when it is worth saying; undefined when it goes out on time. */
function lateBy(
  n: Notification,
  ctx: Pick<FormatContext, 'sentAt' | 'previousAttempts'>,
): number | undefined {
  const late = ctx.sentAt - n.at;
  return late >= DELAYED_AFTER_MS || ((ctx.previousAttempts ?? 0) > 0 && late >= 1000) ? late : undefined;
}

const HEADINGS: Record<Notification['kind'], string> = {
  page: 'ALARM',
  reminder: 'REMINDER: still firing',
  resolve: 'RESOLVED',
  'flapping-start': 'FLAPPING',
  'flapping-end': 'STOPPED FLAPPING, still failing',
  'test-page': 'TEST ALARM (no action needed)',
  'test-resolve': 'TEST RESOLVED (no action needed)',
};

/** "2026-11-23 11:00:03 CET" in the notification's zone. */
function localTime(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')} ${get('timeZoneName')}`;
}

/** CloudWatch's StateChangeTime format: 2026-11-23T10:00:03.123+0000. */
export function stateChangeTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

const asciiLine = (text: string) => text.replace(/[\r\n\t]+/g, ' ').replace(/[^\x20-\x7e]/g, '?');

export function subjectFor(n: Notification, region: string): string {
  const prefix = `${alarmState(n.kind)}: `;
  const suffix = ` in ${asciiLine(region)}`;
  const room = MAX_SUBJECT_LENGTH - prefix.length - suffix.length - 2;
  const title = asciiLine(n.title);
  const quoted = `"${clip(title, room)}"`;
  return `${prefix}${quoted}${suffix}`.slice(0, MAX_SUBJECT_LENGTH).trim();
}

function delayNote(
  n: Notification,
  ctx: Pick<FormatContext, 'sentAt' | 'previousAttempts'>,
): string | undefined {
  const late = lateBy(n, ctx);
  if (late === undefined) return undefined;
  const tries = ctx.previousAttempts
    ? ` after ${ctx.previousAttempts} failed attempt${ctx.previousAttempts === 1 ? '' : 's'}`
    : '';
  return `DELAYED by ${formatDuration(late)}: this message was queued at ${localTime(n.at, n.timeZone)} and could only be sent now${tries} (SNS was unreachable or refusing it).`;
}

/** What happened, in one phrase for the reason / SMS. */
function reasonText(n: Notification): string {
  const duration = formatDuration(Math.max(0, (n.endedAt ?? n.at) - n.startedAt));
  switch (n.kind) {
    case 'page':
      return n.afterMaintenance ? `still failing after maintenance ended: ${n.cause}` : n.cause;
    case 'reminder':
      return `still firing after ${duration}: ${n.cause}`;
    case 'resolve':
      return n.afterFlapping
        ? `stopped flapping and recovered; total ${duration}`
        : `recovered after ${duration}`;
    case 'flapping-start':
      return `flapping (${(n.flapPercent ?? 0).toFixed(0)}% state change over the last 21 checks); held open until it settles`;
    case 'flapping-end':
      return `stopped flapping but still failing: ${n.cause}`;
    case 'test-page':
    case 'test-resolve':
      return n.cause;
  }
}

function emailText(n: Notification, ctx: Pick<FormatContext, 'sentAt' | 'previousAttempts'>): string {
  const { sentAt } = ctx;
  const where = [
    n.host.name,
    n.host.instanceId
      ? `instance ${n.host.instanceId}${n.host.instanceType ? ` (${n.host.instanceType})` : ''}`
      : undefined,
    n.host.availabilityZone
      ? `in ${n.host.availabilityZone}`
      : n.host.region
        ? `in ${n.host.region}`
        : undefined,
  ].filter(Boolean);
  const resolved = n.kind === 'resolve' || n.kind === 'test-resolve';
  const duration = formatDuration(Math.max(0, (resolved ? (n.endedAt ?? n.at) : sentAt) - n.startedAt));
  const lines = [
    `${HEADINGS[n.kind]}: ${n.title}`,
    '',
    `What:      ${n.condition}`,
    `Where:     ${where.join(', ')}`,
    `Since:     ${localTime(n.startedAt, n.timeZone)}`,
  ];
  if (resolved && n.endedAt !== undefined) lines.push(`Recovered: ${localTime(n.endedAt, n.timeZone)}`);
  lines.push(resolved ? `Downtime:  ${duration} in total` : `Duration:  ${duration} so far`);
  lines.push(`Cause:     ${resolved ? reasonText(n) : n.cause}`);
  if (n.kind === 'flapping-start' || n.kind === 'flapping-end') lines.push(`Flapping:  ${reasonText(n)}`);
  if (n.afterMaintenance)
    lines.push('Note:      it began during planned maintenance and was still failing when the window ended.');
  lines.push(`Severity:  ${n.severity}`);
  if (n.runbookUrl) lines.push(`Runbook:   ${n.runbookUrl}`);
  lines.push(`Alert:     ${n.dedupKey}`);
  const late = delayNote(n, ctx);
  if (late) lines.push('', late);
  lines.push('', `Sent by hostwatch on ${n.host.name} at ${localTime(sentAt, n.timeZone)}.`);
  return `${lines.join('\n')}\n`;
}

export function smsText(n: Notification, ctx: Pick<FormatContext, 'sentAt' | 'previousAttempts'>): string {
  const time = localTime(n.kind === 'resolve' ? (n.endedAt ?? n.at) : n.startedAt, n.timeZone).slice(11, 16);
  const lateMs = lateBy(n, ctx);
  const late = lateMs === undefined ? '' : ` [delayed ${formatDuration(lateMs)}]`;
  const word = {
    page: 'ALARM',
    reminder: 'STILL',
    resolve: 'OK',
    'flapping-start': 'FLAPPING',
    'flapping-end': 'STILL',
    'test-page': 'TEST',
    'test-resolve': 'TEST OK',
  }[n.kind];
  const when = n.kind === 'resolve' ? `at ${time}` : `since ${time}`;
  const line = asciiLine(`${word} ${n.title} ${when}: ${reasonText(n)}`);
  return clip(line, MAX_SMS_LENGTH - late.length) + late;
}

export function cloudWatchAlarm(n: Notification, ctx: FormatContext): Record<string, unknown> {
  const state = alarmState(n.kind);
  const lateMs = lateBy(n, ctx);
  const late = lateMs === undefined ? '' : ` (notification delayed ${formatDuration(lateMs)})`;
  return {
    AlarmName: n.dedupKey,
    AlarmDescription: clip(
      `${n.title}: ${n.condition}${n.runbookUrl ? ` Runbook: ${n.runbookUrl}` : ''}`,
      1024,
    ),
    AWSAccountId: ctx.accountId,
    NewStateValue: state,
    NewStateReason: clip(`${reasonText(n)}${late}`, 1023),
    StateChangeTime: stateChangeTime(n.at),
    Region: regionName(ctx.region),
    AlarmArn: `arn:aws:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:${n.dedupKey}`,
    OldStateValue: n.kind === 'page' || n.kind === 'test-page' ? 'OK' : 'ALARM',
    OKActions: [ctx.topicArn],
    AlarmActions: [ctx.topicArn],
    InsufficientDataActions: [],
    Trigger: {
      ...n.trigger,
      StatisticType: 'Statistic',
      Statistic: 'AVERAGE',
      Unit: null,
      TreatMissingData: 'missing',
      EvaluateLowSampleCountPercentile: '',
    },
  };
}

export function messageBytes(message: PublishMessage): number {
  let total = Buffer.byteLength(message.message) + Buffer.byteLength(message.subject);
  for (const [name, value] of Object.entries(message.attributes)) {
    total += Buffer.byteLength(name) + Buffer.byteLength('String') + Buffer.byteLength(value);
  }
  return total;
}

export function formatPublish(n: Notification, ctx: FormatContext): PublishMessage {
  const render = (note: Notification): PublishMessage => {
    const email = emailText(note, ctx);
    return {
      subject: subjectFor(note, ctx.region),
      message: JSON.stringify({
        default: email,
        email,
        sms: smsText(note, ctx),
        https: JSON.stringify(cloudWatchAlarm(note, ctx)),
      }),
      attributes: {
        severity: note.severity,
        dedup_key: note.dedupKey,
        kind: note.kind,
        host: asciiLine(note.host.name),
      },
    };
  };
  const full = render(n);
  if (messageBytes(full) <= MAX_MESSAGE_BYTES) return full;
  // Only a pathological cause could get here: keep its start and say that it was cut.
  return render({
    ...n,
    cause: clip(n.cause, 2000),
    condition: clip(n.condition, 500),
    title: clip(n.title, 200),
  });
}
