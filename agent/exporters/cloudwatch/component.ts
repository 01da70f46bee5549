/**
 * The `cloudwatch` agent component: decides whether to publish (and says why not), then runs the
 * exporter (outbox -> PutMetricData) and, when configured, keeps the dead-host alarms in sync.
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { AgentComponent, AgentContext, ComponentFactory, Decision } from '../../daemon/component.js';
import { describeSeries } from '../../store/cloudwatch-outbox.js';
import { MetaStore } from '../../store/meta.js';
import { cachedSeriesLookup } from './aggregate.js';
import type { AlarmKeeper } from './alarm-keeper.js';
import { planAlarms } from './alarms.js';
import { type AutoScalingGroupLookup, lookUpAutoScalingGroup } from './asg.js';
import type { CredentialCheck, createCloudwatchClient } from './client.js';
import { CloudwatchExporter } from './exporter.js';
import {
  bucketMsOf,
  hostDimensions,
  publishesHeartbeat,
  resolveEndpoint,
  resolveRegion,
  seriesMapperFor,
  settleMs,
} from './settings.js';
import {
  EXPORTER_META_KEY,
  type ExporterRecord,
  readExporterRecord,
  startingDeliveryFacts,
} from './status.js';

export interface CloudwatchComponentDeps {
  /** Bound on the credential lookup in decide(); the provider chain may try IMDS and files. */
  credentialTimeoutMs?: number;
  lookUpAsg?: (env: NodeJS.ProcessEnv) => Promise<AutoScalingGroupLookup>;
  createClient?: typeof createCloudwatchClient;
}

const KEEP_SENT_MS = 2 * 3_600_000;

/**
 * The AWS SDK client costs ~19 MB of RSS: it is loaded only once the exporter may run, so an
 * agent with CloudWatch off (every host off EC2) does not carry it.
 */
const loadClient = () => import('./client.js');
const loadAlarmSync = () => import('./alarm-sync.js');
const loadAlarmKeeper = () => import('./alarm-keeper.js');

export class CloudwatchComponent implements AgentComponent {
  readonly name = 'cloudwatch';
  private client: CloudWatchClient | undefined;
  private region: string | undefined;
  private reason = '';
  private exporter: CloudwatchExporter | undefined;
  private alarms: AlarmKeeper | undefined;

  constructor(private readonly deps: CloudwatchComponentDeps = {}) {}

  async decide(ctx: AgentContext): Promise<Decision> {
    const decision = await this.decision(ctx);
    this.reason = decision.reason;
    if (!decision.on) this.recordOff(ctx, decision.reason);
    return decision;
  }

  private async decision(ctx: AgentContext): Promise<Decision> {
    const { config, identity, env } = ctx;
    const enabled = config.cloudwatch.enabled;
    if (enabled === false) return { on: false, reason: 'cloudwatch.enabled is false' };
    if (enabled === 'auto' && !identity.ec2) {
      return {
        on: false,
        reason: `not on EC2 (${identity.reason ?? 'no instance metadata'}); set cloudwatch.enabled: true to publish anyway`,
      };
    }
    const region = resolveRegion(config, identity, env);
    if (!region.region) {
      return {
        on: false,
        reason:
          'no AWS region: set cloudwatch.region (not on EC2, so the instance metadata has none, and AWS_REGION is not set)',
      };
    }
    this.region = region.region;
    const endpoint = resolveEndpoint(config, env);
    const { checkCredentials, createCloudwatchClient } = await loadClient();
    this.client = (this.deps.createClient ?? createCloudwatchClient)({
      region: region.region,
      ...(endpoint.endpoint ? { endpoint: endpoint.endpoint } : {}),
    });
    const credentials: CredentialCheck = await checkCredentials(
      this.client,
      this.deps.credentialTimeoutMs ?? 5000,
    );
    const where = `namespace ${config.cloudwatch.namespace} in ${region.region} (region from ${region.source}) via ${endpoint.shown}`;
    if (!credentials.ok) {
      if (enabled === 'auto') {
        this.client.destroy();
        this.client = undefined;
        return {
          on: false,
          reason: `no AWS credentials from the default provider chain (attach an instance role; see systemd/iam-policy.json): ${credentials.reason}`,
        };
      }
      return {
        on: true,
        reason: `publishing to ${where}; but no AWS credentials yet (${credentials.reason}): datums wait in the outbox until there are`,
      };
    }
    return { on: true, reason: `publishing to ${where} every ${config.cloudwatch.flushInterval / 1000}s` };
  }

  async start(ctx: AgentContext): Promise<void> {
    const { config, identity, env, logger, db, clock } = ctx;
    const client = this.client;
    if (!client) throw new Error('cloudwatch: start() without an on decision');
    const { DEFAULT_REQUEST_TIMEOUT_MS, putMetricDataWith } = await loadClient();
    const wantsAsg = config.cloudwatch.dimensions.includes('AutoScalingGroupName');
    const asg: AutoScalingGroupLookup = !wantsAsg
      ? {}
      : identity.ec2
        ? await (this.deps.lookUpAsg ?? lookUpAutoScalingGroup)(env)
        : { reason: 'not on EC2' };
    const host = hostDimensions(config, identity, asg);
    if (host.missing.length > 0)
      logger.warn('CloudWatch dimensions left out (their series are published without them)', {
        missing: host.missing,
      });
    const endpoint = resolveEndpoint(config, env);
    this.exporter = new CloudwatchExporter({
      db,
      clock,
      logger,
      reason: this.reason,
      settings: {
        namespace: config.cloudwatch.namespace,
        ...(this.region ? { region: this.region } : {}),
        endpoint: endpoint.shown,
        hostDimensions: host.dimensions,
        bucketMs: bucketMsOf(config),
        flushIntervalMs: config.cloudwatch.flushInterval,
        settleMs: settleMs(config),
        heartbeatDimensions: publishesHeartbeat(config) ? host.dimensions : undefined,
        keepSentMs: KEEP_SENT_MS,
        keepFinishedMs: config.metrics.retention.minute,
      },
      mapSeries: cachedSeriesLookup((id) => describeSeries(db, id), seriesMapperFor(config, host.dimensions)),
      put: putMetricDataWith(client, DEFAULT_REQUEST_TIMEOUT_MS + 5000),
    });
    this.exporter.start();
    logger.info('CloudWatch exporter started', {
      namespace: config.cloudwatch.namespace,
      region: this.region,
      endpoint: endpoint.shown,
      dimensions: host.dimensions,
      resolutionSeconds: config.cloudwatch.resolution,
      flushIntervalMs: config.cloudwatch.flushInterval,
    });
    if (config.cloudwatch.heartbeatAlarm.enabled) {
      const topicArn = config.alerting.sns.topicArn;
      if (!topicArn)
        logger.warn(
          'heartbeat alarm without actions: set alerting.sns.topicArn so a dead host pages someone',
        );
      if (config.cloudwatch.heartbeatAlarm.statusCheckAlarm && !identity.ec2)
        logger.info('no EC2 status-check alarm: not on EC2');
      const { alarmApiOf } = await loadAlarmSync();
      const { AlarmKeeper } = await loadAlarmKeeper();
      this.alarms = new AlarmKeeper({
        api: alarmApiOf(client),
        plan: planAlarms({
          namespace: config.cloudwatch.namespace,
          hostDimensions: host.dimensions,
          ec2InstanceId: identity.ec2 ? identity.instanceId : undefined,
          hostLabel: config.host.name ?? identity.hostname,
          heartbeat: config.cloudwatch.heartbeatAlarm,
          topicArn,
        }),
        db,
        clock,
        logger,
      });
      this.alarms.start();
    }
  }

  async stop(): Promise<void> {
    await Promise.all([this.exporter?.stop(), this.alarms?.stop()]);
    this.exporter = undefined;
    this.alarms = undefined;
    this.client?.destroy();
    this.client = undefined;
  }

  /** Leaves the decision where `hostwatch status` finds it, keeping the last delivery facts. */
  private recordOff(ctx: AgentContext, reason: string): void {
    const previous = readExporterRecord(ctx.db);
    const record: ExporterRecord = {
      enabled: false,
      reason,
      decidedAt: ctx.clock.now(),
      ...startingDeliveryFacts(previous),
    };
    new MetaStore(ctx.db).set(EXPORTER_META_KEY, record);
  }
}

export const cloudwatchComponent: ComponentFactory = () => new CloudwatchComponent();
