/**
 * The `sns-paging` agent component: evaluates the alert rules on every probe (fast path for service-down),
 * every metrics cycle and every alerting.evaluationInterval (timers, forecasts, burn rates), and drains the
 * pager outbox to SNS. Off, with the reason logged, when alerting.sns.topicArn is not set.
 */
import type { AgentComponent, AgentContext, Decision } from '../agent/daemon/component.js';
import { AlertOutboxStore } from '../agent/store/alert-outbox.js';
import { hostFacts } from './alert-identity.js';
import { AlertEvaluator } from './evaluator.js';
import { OutboxSender } from './outbox.js';
import type { Pager } from './pager/sns.js';
import { rulesFromConfig } from './rules.js';

const PAGING_COMPONENT_NAME = 'sns-paging';

export interface PagingComponentOptions {
  /** Default: the real SNS pager for the config. */
  createPager?: (ctx: AgentContext) => Pager;
}

export function createPagingComponent(options: PagingComponentOptions = {}): AgentComponent {
  let stopActions: Array<() => void> = [];
  let sender: OutboxSender | undefined;
  let pager: Pager | undefined;

  return {
    name: PAGING_COMPONENT_NAME,

    decide(ctx: AgentContext): Decision {
      const { sns } = ctx.config.alerting;
      if (!sns.topicArn) {
        return {
          on: false,
          reason:
            'alerting.sns.topicArn is not set: alerts are neither evaluated nor paged (set it to page on-call through SNS)',
        };
      }
      const warnings = sns.warningTopicArn
        ? `warnings to ${sns.warningTopicArn}`
        : 'warnings only recorded (no alerting.sns.warningTopicArn)';
      const rules = rulesFromConfig(ctx.config).map((r) => r.name);
      return {
        on: true,
        reason: `critical alerts page ${sns.topicArn}, ${warnings}; rules: ${rules.join(', ')}; AWS credentials from the default provider chain`,
      };
    },

    async start(ctx: AgentContext): Promise<void> {
      const { config, db, clock, logger } = ctx;
      const store = new AlertOutboxStore(db);
      const requeued = store.requeueFixable(clock.now());
      if (requeued > 0)
        logger.warn('retrying notifications parked for a configuration problem', { rows: requeued });
      // The SNS client is loaded only when paging is on.
      pager =
        options.createPager?.(ctx) ??
        (await import('./pager/sns.js')).snsPagerFor(config.alerting.sns, ctx.env);
      const running = new OutboxSender({ store, pager, clock, logger });
      sender = running;
      const evaluator = new AlertEvaluator({
        db,
        clock,
        logger,
        config,
        host: hostFacts(config, ctx.identity),
        rules: rulesFromConfig(config),
        topics: {
          ...(config.alerting.sns.topicArn ? { critical: config.alerting.sns.topicArn } : {}),
          ...(config.alerting.sns.warningTopicArn ? { warning: config.alerting.sns.warningTopicArn } : {}),
        },
        onEnqueued: () => running.wake(),
      });
      const evaluate = () => {
        try {
          evaluator.evaluate();
        } catch (error) {
          logger.error('alert evaluation failed', { error });
        }
      };
      const timer = setInterval(evaluate, config.alerting.evaluationInterval);
      const first = setTimeout(evaluate, 0);
      stopActions = [
        ctx.events.onProbe((event) => evaluator.handleProbe(event)),
        ctx.events.onCycle((event) => evaluator.handleCycle(event)),
        () => clearInterval(timer),
        () => clearTimeout(first),
      ];
      running.start();
    },

    async stop(): Promise<void> {
      for (const action of stopActions) action();
      stopActions = [];
      await sender?.stop();
      sender = undefined;
      pager?.close();
      pager = undefined;
    },
  };
}
