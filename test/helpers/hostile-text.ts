/** Deterministic random and hostile questions for the bot's fuzz tests. */

/** A linear congruential generator: the same sequence on every run (good enough to pick words). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

const WORDS = [
  'uptime',
  'downtime',
  'was',
  'there',
  'any',
  'outages',
  'is',
  'nginx',
  'tomcat',
  'host',
  'up',
  'down',
  'last',
  'past',
  'this',
  'week',
  'month',
  'year',
  'yesterday',
  'today',
  'when',
  'next',
  'maintenance',
  'planned',
  'tell',
  'me',
  'about',
  'my',
  'server',
  'hello',
  'help',
  'status',
  'of',
  'the',
  'in',
  'incidents',
  'restart',
  'token',
  '99999',
  'years',
  '0',
  '-1',
  '1e309',
  '2026-W53',
  '2025-W53',
  '0000-W00',
  '9999-99-99',
  '2026-02-30',
  '2026-13',
  'days',
  '24h',
  '7d',
  'NaN',
  'Infinity',
  '18446744073709551616',
  'foobar',
  'api-v2',
  '<@123456789012345678>',
  '<@&123456789012345678>',
  '<#123456789012345678>',
  '@everyone',
  '@here',
  '**',
  '__',
  '~~',
  '||',
  '`',
  '```',
  '> ',
  '# ',
  '- ',
  '[x](http://e.vil)',
  '<t:0:R>',
  '\u200b',
  '\u202e',
  '\u0000',
  '\n',
  '\r\n',
  '\t',
  '🙂',
  '𝕦𝕡𝕥𝕚𝕞𝕖',
  'ＵＰＴＩＭＥ',
  'ü',
  "';--",
  '%s',
  '${x}',
  '\\',
  '/',
  '..',
  'DROP TABLE inquiries',
  'please',
  '?',
  '!!!',
];

function randomChars(next: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const roll = next();
    out += String.fromCodePoint(
      roll < 0.6
        ? 32 + Math.floor(next() * 95)
        : roll < 0.9
          ? Math.floor(next() * 0x3000)
          : 0x1f300 + Math.floor(next() * 0x300),
    );
  }
  return out;
}

const TEMPLATES = [
  (w: string) => `is ${w} up?`,
  (w: string) => `uptime of ${w} last ${w}`,
  (w: string) => `was there downtime ${w}?`,
  (w: string) => `when did ${w} last go down`,
  (w: string) => `when is the next maintenance for ${w}`,
  (w: string) => `tell me about my server ${w}`,
];

/** A question: a known shape with a hostile word in it, keyword salad, random characters, or something very long. */
export function hostileQuestion(next: () => number): string {
  const kind = next();
  const word = () => WORDS[Math.floor(next() * WORDS.length)] as string;
  if (kind < 0.2) return (TEMPLATES[Math.floor(next() * TEMPLATES.length)] as (w: string) => string)(word());
  if (kind < 0.6) {
    const count = 1 + Math.floor(next() * 12);
    return Array.from({ length: count }, () => WORDS[Math.floor(next() * WORDS.length)]).join(
      next() < 0.8 ? ' ' : '',
    );
  }
  if (kind < 0.9) return randomChars(next, Math.floor(next() * 200));
  return `${WORDS[Math.floor(next() * WORDS.length)]} ${randomChars(next, 900 + Math.floor(next() * 3000))}`;
}
