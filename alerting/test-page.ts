/**
 * `hostwatch page --test`: a clearly labelled test page, then its resolve, end to end through the real
 * outbox (rows in the `cli` lane, sent by this process, never by the daemon) and the real SNS pager.
 */
import type { Config } from '../agent/config/schema.js';
import { silentLogger } from '../agent/log.js';
import { AlertOutboxStore } from '../agent/store/alert-outbox.js';
import type { Db } from '../agent/store/db.js';
import type { Clock } from '../agent/types.js';
import { NAMESPACE } from './alert-identity.js';
import type { HostFacts, Notification } from './notification.js';
import { OutboxSender } from './outbox.js';
import { type Pager, snsPagerFor } from './pager/sns.js';
import { dedupKey } from './rules.js';
import type { Severity } from './types.js';

const TEST_RULE = 'hostwatch-test';

export interface TestPageInput {
  db: Db;
  config: Config;
  env: NodeJS.ProcessEnv;
  host: HostFacts;
  clock: Clock;
  severity: Severity;
  /** Give up (and park the row) when SNS has not accepted a message by then. */
  timeoutMs: number;
  pager?: Pager;
}

export interface TestPageStep {
  id: number;
  kind: 'test-page' | 'test-resolve';
  status: 'sent' | 'parked' | 'timed-out';
  messageId?: string;
  attempts: number;
  error?: string;
}

export interface TestPageResult {
  ok: boolean;
  topicArn: string;
  dedupKey: string;
  steps: TestPageStep[];
}

function testNotification(
  kind: 'test-page' | 'test-resolve',
  input: { key: string; host: HostFacts; config: Config; severity: Severity; startedAt: number; at: number },
): Notification {
  const { host, config } = input;
  const runbookUrl = config.alerting.runbookUrl;
  return {
    kind,
    dedupKey: input.key,
    severity: input.severity,
    rule: TEST_RULE,
    title: `TEST page from hostwatch on ${host.name}`,
    condition: 'a test of the paging path, sent by "hostwatch page --test"; no action needed',
    host,
    timeZone: config.timezone,
    at: input.at,
    startedAt: input.startedAt,
    ...(kind === 'test-resolve' ? { endedAt: input.at } : {}),
    cause:
      kind === 'test-page'
        ? `This is a TEST page from "hostwatch page --test" on ${host.name}. No action needed; its resolve follows.`
        : `TEST finished: this resolves the test page from ${host.name}.`,
    value: null,
    ...(runbookUrl ? { runbookUrl } : {}),
    trigger: {
      MetricName: 'hostwatch_test_page',
      Namespace: NAMESPACE,
      Dimensions: [{ name: 'Host', value: host.name }],
      Period: 60,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function sendTestPage(input: TestPageInput): Promise<TestPageResult> {
  const { db, config, clock, host, severity } = input;
  const topicArn =
    severity === 'critical' ? config.alerting.sns.topicArn : config.alerting.sns.warningTopicArn;
  if (!topicArn) throw new Error(`no SNS topic for ${severity} alerts`);
  const key = dedupKey(host.name, TEST_RULE, '');
  const store = new AlertOutboxStore(db);
  const pager = input.pager ?? snsPagerFor(config.alerting.sns, input.env);
  const sender = new OutboxSender({
    store,
    pager,
    clock,
    logger: silentLogger,
    lane: 'cli',
    backoff: { baseMs: 500, maxMs: 4000 },
  });
  const startedAt = clock.now();
  const deadline = startedAt + input.timeoutMs;
  const steps: TestPageStep[] = [];
  try {
    for (const kind of ['test-page', 'test-resolve'] as const) {
      const at = clock.now();
      const payload = JSON.stringify(testNotification(kind, { key, host, config, severity, startedAt, at }));
      const id = store.enqueue({
        dedupKey: key,
        episode: startedAt,
        kind,
        severity,
        topicArn,
        lane: 'cli',
        payload,
        createdAt: at,
      });
      const step = await sendUntilSettled(sender, store, id, kind, deadline, clock);
      steps.push(step);
      if (step.status !== 'sent') break;
    }
  } finally {
    if (!input.pager) pager.close();
  }
  return {
    ok: steps.length === 2 && steps.every((s) => s.status === 'sent'),
    topicArn,
    dedupKey: key,
    steps,
  };
}

async function sendUntilSettled(
  sender: OutboxSender,
  store: AlertOutboxStore,
  id: number,
  kind: TestPageStep['kind'],
  deadline: number,
  clock: Clock,
): Promise<TestPageStep> {
  for (;;) {
    const row = store.get(id);
    if (!row) throw new Error(`outbox row #${id} vanished`);
    const base = { id, kind, attempts: row.attempts, ...(row.error ? { error: row.error } : {}) };
    if (row.status === 'sent')
      return { id, kind, attempts: row.attempts, status: 'sent', messageId: row.messageId ?? '' };
    if (row.status === 'parked') return { ...base, status: 'parked' };
    const now = clock.now();
    if (now >= deadline) {
      store.markParked(
        id,
        'TestTimedOut',
        `SNS did not accept the test message in time; last error: ${row.error ?? 'none'}`,
        false,
      );
      return { ...base, status: 'timed-out' };
    }
    if (row.nextAttemptAt > now) await sleep(Math.min(row.nextAttemptAt, deadline) - now);
    else await sender.send(row);
  }
}
