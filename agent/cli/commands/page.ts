import { hostname } from 'node:os';
import { hostFacts } from '../../../alerting/alert-identity.js';
import { sendTestPage, type TestPageResult } from '../../../alerting/test-page.js';
import { parseDuration } from '../../config/duration.js';
import { EX_CONFIG } from '../../config/errors.js';
import type { HostIdentity } from '../../identity/types.js';
import { IDENTITY_META_KEY } from '../../status/model.js';
import { openDatabase } from '../../store/db.js';
import { MetaStore } from '../../store/meta.js';
import { systemClock } from '../../types.js';
import {
  type Command,
  commonOptions,
  EX_UNAVAILABLE,
  jsonOption,
  rejectPositionals,
  UsageError,
} from '../command.js';
import { cliContext } from '../context.js';

function renderResult(result: TestPageResult): string {
  const lines = [`Topic: ${result.topicArn}`, `Alert: ${result.dedupKey}`];
  for (const step of result.steps) {
    const what = step.kind === 'test-page' ? 'Test page' : 'Its resolve';
    if (step.status === 'sent')
      lines.push(
        `${what}: accepted by SNS (MessageId ${step.messageId}, ${step.attempts} attempt${step.attempts === 1 ? '' : 's'})`,
      );
    else
      lines.push(
        `${what}: NOT sent (${step.status}) after ${step.attempts} attempts: ${step.error ?? 'no answer'}`,
      );
  }
  lines.push(
    result.ok
      ? 'Check that every subscriber (email, SMS, PagerDuty) got the ALARM and then the OK.'
      : 'Paging does not work: fix the cause above (see hostwatch alerts for the parked rows).',
  );
  return `${lines.join('\n')}\n`;
}

export const pageCommand: Command = {
  name: 'page',
  summary: 'send a clearly labelled test page through the outbox and SNS, then its resolve',
  usage:
    'hostwatch page --test [--severity critical|warning] [--timeout 30s] [--json] [--config FILE] [--data-dir DIR]',
  options: {
    ...commonOptions,
    ...jsonOption,
    test: { type: 'boolean' },
    severity: { type: 'string' },
    timeout: { type: 'string' },
  },
  async run(values, positionals, io) {
    if (!values.test) throw new UsageError('only test pages can be sent by hand: hostwatch page --test');
    rejectPositionals(positionals);
    const severity = (values.severity as string | undefined) ?? 'critical';
    if (severity !== 'critical' && severity !== 'warning')
      throw new UsageError(`--severity: expected critical or warning, got "${severity}"`);
    const timeoutMs = parseDuration((values.timeout as string | undefined) ?? '30s');
    if (timeoutMs === undefined)
      throw new UsageError(`--timeout: expected a duration such as 30s, got "${values.timeout}"`);
    const ctx = cliContext(values, io);
    const { sns } = ctx.config.alerting;
    const topic = severity === 'critical' ? sns.topicArn : sns.warningTopicArn;
    if (!topic) {
      io.err(
        `hostwatch page: alerting.sns.${severity === 'critical' ? 'topicArn' : 'warningTopicArn'} is not set in ${ctx.configSource}; there is nowhere to page\n`,
      );
      return EX_CONFIG;
    }
    const db = openDatabase(ctx.dbPath);
    try {
      const identity = new MetaStore(db).get<HostIdentity>(IDENTITY_META_KEY) ?? { hostname: hostname() };
      const result = await sendTestPage({
        db,
        config: ctx.config,
        env: io.env,
        host: hostFacts(ctx.config, identity),
        clock: systemClock,
        severity,
        timeoutMs,
      });
      io.out(values.json ? `${JSON.stringify(result, null, 2)}\n` : renderResult(result));
      // SNS refused the test page or did not accept it in time.
      return result.ok ? 0 : EX_UNAVAILABLE;
    } finally {
      db.close();
    }
  },
};
