import { describe, expect, it } from 'vitest';
import { type IntentName, normalizeQuestion, parseQuestion } from '../../../bot/answers/intents.js';

const services = ['host', 'nginx', 'tomcat', 'api-v2', 'api'];

type Row = [
  question: string,
  intent: IntentName,
  extra?: { service?: string; unknownService?: string; period?: string | false },
];

/** question -> intent (+ service, + period text for resolveWindow, or false for "a period that cannot be read"). */
const TABLE: Row[] = [
  // the phrasings
  ['hello world', 'greeting'],
  ['Tell me about my server!', 'server'],
  ['was there downtime yesterday?', 'downtime', { period: 'yesterday' }],
  ['any outages this week?', 'downtime', { period: 'this week' }],
  ['uptime last week', 'uptime', { period: 'last week' }],
  ['what is the uptime of tomcat this month?', 'uptime', { service: 'tomcat', period: 'this month' }],
  ['is nginx up?', 'service-state', { service: 'nginx' }],
  ['when was the last outage?', 'last-outage'],
  ['any planned maintenance?', 'maintenance-list'],
  ['when is the next maintenance?', 'maintenance-next'],
  // greetings
  ['hi', 'greeting'],
  ['Hey there', 'greeting'],
  ['good morning!', 'greeting'],
  ['yo', 'greeting'],
  ['Hello?', 'greeting'],
  // help
  ['help', 'help'],
  ['what can you do?', 'help'],
  ['what can I ask you', 'help'],
  ['', 'help'],
  ['   ', 'help'],
  // server
  ['tell me about the server', 'server'],
  ['Tell me about this machine', 'server'],
  ['server info', 'server'],
  ['describe the host', 'server'],
  ['show me the instance', 'server'],
  ['<@123456789012345678> tell me about my server!', 'server'],
  // status
  ['status', 'status'],
  ['how is everything?', 'status'],
  ["how's it going", 'status'],
  ['is everything ok?', 'status'],
  ['are we up?', 'status'],
  ["what's the status", 'status'],
  ['is the site down?', 'status'],
  // service state
  ['is tomcat running', 'service-state', { service: 'tomcat' }],
  ['Is NGINX down right now?', 'service-state', { service: 'nginx' }],
  ['hello, is nginx up?', 'service-state', { service: 'nginx' }],
  ['how is tomcat doing', 'service-state', { service: 'tomcat' }],
  ['status of nginx', 'service-state', { service: 'nginx' }],
  ['is the server up?', 'service-state', { service: 'host' }],
  ['is api-v2 healthy?', 'service-state', { service: 'api-v2' }],
  ['is api ok', 'service-state', { service: 'api' }],
  ['is foobar up?', 'service-state', { unknownService: 'foobar' }],
  // uptime
  ['uptime', 'uptime'],
  ['uptime this week', 'uptime', { period: 'this week' }],
  ['uptime of nginx last month', 'uptime', { service: 'nginx', period: 'last month' }],
  ['availability today', 'uptime', { period: 'today' }],
  ['what was our SLA in 2026-W13?', 'uptime', { period: '2026-w13' }],
  ['uptime 2026-03-29', 'uptime', { period: '2026-03-29' }],
  ['uptime for 2026-03', 'uptime', { period: '2026-03' }],
  ['uptime in the last 24 hours', 'uptime', { period: 'last 24h' }],
  ['uptime over the past 3 days', 'uptime', { period: 'last 3d' }],
  ['tomcat uptime past 2 weeks', 'uptime', { service: 'tomcat', period: 'last 2w' }],
  ['uptime last 7d', 'uptime', { period: 'last 7d' }],
  ['uptime 30d', 'uptime', { period: 'last 30d' }],
  ['uptime the past month', 'uptime', { period: 'last 30d' }],
  ['uptime last 3 months', 'uptime', { period: 'last 90d' }],
  ['was nginx up yesterday?', 'uptime', { service: 'nginx', period: 'yesterday' }],
  ['error budget this week', 'uptime', { period: 'this week' }],
  ['uptime of foobar this week', 'uptime', { unknownService: 'foobar', period: 'this week' }],
  ['uptime last 99999 years', 'uptime', { period: 'last 99999y' }],
  ['uptime this year', 'uptime', { period: false }],
  ['uptime last 1e9 days', 'uptime', { period: false }],
  // downtime
  ['did nginx go down today?', 'downtime', { service: 'nginx', period: 'today' }],
  ['has tomcat been down this week', 'downtime', { service: 'tomcat', period: 'this week' }],
  ['were there any incidents last month', 'downtime', { period: 'last month' }],
  ['any problems in the past hour?', 'downtime', { period: 'last 1h' }],
  ['outages', 'downtime'],
  ['Was there DOWNTIME yesterday???', 'downtime', { period: 'yesterday' }],
  ['incidents for api-v2 previous week', 'downtime', { service: 'api-v2', period: 'last week' }],
  // last outage
  ['when did nginx last go down?', 'last-outage', { service: 'nginx' }],
  ['latest incident', 'last-outage'],
  ['when was tomcat last down', 'last-outage', { service: 'tomcat' }],
  ['most recent outage of the host', 'last-outage', { service: 'host' }],
  // maintenance
  ['maintenance schedule', 'maintenance-list'],
  ['is there any scheduled downtime?', 'maintenance-list'],
  ['upcoming maintenance', 'maintenance-next'],
  ['when is the next patching window for nginx', 'maintenance-next', { service: 'nginx' }],
  ['is maintenance active right now?', 'maintenance-next'],
  // the weekly report ("report" alone still means status)
  ['weekly report', 'report'],
  ['Can I see the weekly report?', 'report'],
  ['uptime report for last week', 'report', { period: 'last week' }],
  ['report for this week', 'report', { period: 'this week' }],
  ["last week's report", 'report', { period: 'last week' }],
  ['SLA report 2026-W45', 'report', { period: '2026-w45' }],
  ['report', 'status'],
  // refusals: secrets, actions, out of scope, too long
  ['what is the discord token?', 'secret'],
  ['print your password', 'secret'],
  ['show me the AWS credentials', 'secret'],
  ['restart nginx', 'action'],
  ['please reboot the server', 'action'],
  ['can you stop tomcat?', 'action'],
  ['rm -rf /', 'action'],
  ['drop table inquiries; --', 'action'],
  ["what's the weather like?", 'unknown'],
  ['tell me a joke', 'unknown'],
  ['@everyone **bold** __under__', 'unknown'],
  ['🙂🙂🙂', 'unknown'],
  ['x'.repeat(1001), 'too-long'],
];

describe('intent parser', () => {
  it(`has a table of at least 60 phrasings (${TABLE.length})`, () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
  });

  it.each(TABLE)('%s -> %s', (question, intent, extra = {}) => {
    const parsed = parseQuestion(question, { services });
    expect(parsed.intent).toBe(intent);
    expect(parsed.service).toBe(extra.service);
    expect(parsed.unknownService).toBe(extra.unknownService);
    if (extra.period === undefined) expect(parsed.period).toBeUndefined();
    else if (extra.period === false) expect(parsed.period?.ok).toBe(false);
    else expect(parsed.period).toMatchObject({ ok: true, text: extra.period });
  });

  it('normalises mentions, punctuation and case', () => {
    expect(normalizeQuestion('<@!123456789012345678>  Was there DOWNTIME, yesterday?!')).toBe(
      'was there downtime yesterday',
    );
    expect(normalizeQuestion('uptime 2026-W13.')).toBe('uptime 2026-w13');
  });

  it('keeps the echo of a long question short', () => {
    const parsed = parseQuestion(`uptime ${'a'.repeat(900)}`, { services });
    expect(parsed.text.length).toBeLessThanOrEqual(121);
  });
});
