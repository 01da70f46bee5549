import { describe, expect, it } from 'vitest';
import type { Notification } from '../../../alerting/notification.js';
import {
  cloudWatchAlarm,
  formatPublish,
  MAX_MESSAGE_BYTES,
  MAX_SMS_LENGTH,
  messageBytes,
  smsText,
  stateChangeTime,
  subjectFor,
} from '../../../alerting/pager/format.js';

const at = Date.parse('2026-11-23T10:00:03.000Z');
const ctx = {
  sentAt: at + 500,
  accountId: '123456789012',
  region: 'eu-central-1',
  topicArn: 'arn:aws:sns:eu-central-1:123456789012:oncall',
};

const page: Notification = {
  kind: 'page',
  dedupKey: 'web-1/service-down/nginx',
  severity: 'critical',
  rule: 'service-down',
  title: 'nginx down on web-1',
  condition: 'service down (consecutive failed checks reached failureThreshold)',
  host: {
    name: 'web-1',
    instanceId: 'i-0123456789abcdef0',
    instanceType: 't3.small',
    availabilityZone: 'eu-central-1a',
    region: 'eu-central-1',
  },
  timeZone: 'Europe/Berlin',
  at,
  startedAt: at - 3000,
  cause: 'http: connect ECONNREFUSED 127.0.0.1:80',
  value: null,
  runbookUrl: 'https://wiki.example.com/runbooks/web-1',
  trigger: {
    MetricName: 'probe_up',
    Namespace: 'Hostwatch',
    Dimensions: [
      { name: 'Host', value: 'web-1' },
      { name: 'Service', value: 'nginx' },
    ],
    Period: 30,
    EvaluationPeriods: 3,
    ComparisonOperator: 'LessThanThreshold',
    Threshold: 1,
  },
};
const resolve: Notification = { ...page, kind: 'resolve', at: at + 252_000, endedAt: at + 252_000 };

describe('SNS message format', () => {
  it('subject: ALARM:/OK: prefix, quoted title, region; at most 100 printable ASCII characters', () => {
    expect(subjectFor(page, 'eu-central-1')).toBe('ALARM: "nginx down on web-1" in eu-central-1');
    expect(subjectFor(resolve, 'eu-central-1')).toBe('OK: "nginx down on web-1" in eu-central-1');
    const long = subjectFor({ ...page, title: `naïve\nservice ${'x'.repeat(200)}` }, 'eu-central-1');
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long).toMatch(/^ALARM: "na\?ve service x+\.\.\." in eu-central-1$/);
  });

  it('MessageStructure json with default, email, sms and https strings; attributes carry severity and dedup key', () => {
    const message = formatPublish(page, ctx);
    const body = JSON.parse(message.message) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['default', 'email', 'https', 'sms']);
    for (const value of Object.values(body)) expect(typeof value).toBe('string');
    expect(message.attributes).toEqual({
      severity: 'critical',
      dedup_key: 'web-1/service-down/nginx',
      kind: 'page',
      host: 'web-1',
    });
  });

  it('email says what, where, since when, why, for how long, and links the runbook', () => {
    const email = JSON.parse(formatPublish(page, ctx).message).email as string;
    expect(email).toContain('ALARM: nginx down on web-1');
    expect(email).toContain('instance i-0123456789abcdef0 (t3.small), in eu-central-1a');
    expect(email).toContain('Since:     2026-11-23 11:00:00 CET');
    expect(email).toContain('Cause:     http: connect ECONNREFUSED 127.0.0.1:80');
    expect(email).toContain('Duration:  4s so far');
    expect(email).toContain('Runbook:   https://wiki.example.com/runbooks/web-1');
    const resolved = JSON.parse(formatPublish(resolve, { ...ctx, sentAt: resolve.at }).message)
      .email as string;
    expect(resolved).toContain('RESOLVED: nginx down on web-1');
    expect(resolved).toContain('Downtime:  4m 15s in total');
    expect(resolved).not.toContain('DELAYED');
  });

  it('a message sent long after its event says that it is late, everywhere', () => {
    const late = { ...ctx, sentAt: at + 14 * 60_000 };
    const body = JSON.parse(formatPublish(page, late).message) as Record<string, string>;
    expect(body.email).toContain('DELAYED by 14m');
    expect(body.sms).toContain('[delayed 14m]');
    expect(JSON.parse(body.https as string).NewStateReason).toContain('(notification delayed 14m)');
    // Sooner than a minute, but only after failed attempts: still said.
    const retried = JSON.parse(
      formatPublish(page, { ...ctx, sentAt: at + 12_000, previousAttempts: 3 }).message,
    ) as Record<string, string>;
    expect(retried.email).toContain('DELAYED by 12s');
    expect(retried.email).toContain('after 3 failed attempts');
  });

  it('sms is one line of at most 140 characters', () => {
    const sms = smsText({ ...page, cause: `http: ${'very long detail '.repeat(30)}` }, ctx);
    expect(sms.length).toBeLessThanOrEqual(MAX_SMS_LENGTH);
    expect(sms).not.toContain('\n');
    expect(sms.startsWith('ALARM nginx down on web-1 since 11:00')).toBe(true);
  });

  it('https is the CloudWatch alarm notification PagerDuty understands: ALARM then OK, never INSUFFICIENT_DATA', () => {
    const alarm = cloudWatchAlarm(page, ctx);
    expect(alarm).toMatchObject({
      AlarmName: 'web-1/service-down/nginx',
      AWSAccountId: '123456789012',
      NewStateValue: 'ALARM',
      OldStateValue: 'OK',
      StateChangeTime: '2026-11-23T10:00:03.000+0000',
      Region: 'EU (Frankfurt)',
      Trigger: {
        MetricName: 'probe_up',
        Namespace: 'Hostwatch',
        Period: 30,
        EvaluationPeriods: 3,
        ComparisonOperator: 'LessThanThreshold',
        Threshold: 1,
      },
    });
    const ok = cloudWatchAlarm(resolve, ctx);
    expect(ok).toMatchObject({
      AlarmName: 'web-1/service-down/nginx',
      NewStateValue: 'OK',
      OldStateValue: 'ALARM',
    });
    for (const kind of ['reminder', 'flapping-start', 'flapping-end', 'test-page', 'test-resolve'] as const) {
      expect(['ALARM', 'OK']).toContain(cloudWatchAlarm({ ...page, kind }, ctx).NewStateValue);
    }
    expect(stateChangeTime(0)).toBe('1970-01-01T00:00:00.000+0000');
  });

  it('stays under 256 KB whatever the probe detail', () => {
    const huge = formatPublish({ ...page, cause: 'x'.repeat(400_000), title: 'y'.repeat(100_000) }, ctx);
    expect(messageBytes(huge)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
  });
});
