/** The exporter's settings, resolved from the config, the host identity and the environment (pure). */
import type { Config } from '../../config/schema.js';
import type { HostIdentity } from '../../identity/types.js';
import type { Dimension } from './datum.js';
import {
  type CloudwatchSeries,
  HEARTBEAT_METRIC,
  type LocalSeries,
  metricSelector,
  seriesMapper,
} from './series-map.js';

const ENDPOINT_ENV = 'AWS_ENDPOINT_URL_CLOUDWATCH';

export interface RegionChoice {
  region: string | undefined;
  source: 'cloudwatch.region' | 'instance metadata' | 'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'none';
}

/** Region from the config, else the instance's (IMDS), else the SDK's usual environment variables. */
export function resolveRegion(config: Config, identity: HostIdentity, env: NodeJS.ProcessEnv): RegionChoice {
  if (config.cloudwatch.region) return { region: config.cloudwatch.region, source: 'cloudwatch.region' };
  if (identity.region) return { region: identity.region, source: 'instance metadata' };
  if (env.AWS_REGION) return { region: env.AWS_REGION, source: 'AWS_REGION' };
  if (env.AWS_DEFAULT_REGION) return { region: env.AWS_DEFAULT_REGION, source: 'AWS_DEFAULT_REGION' };
  return { region: undefined, source: 'none' };
}

/**
 * The endpoint to pass to the client: only the config's; otherwise undefined, and the SDK applies
 * its own AWS_ENDPOINT_URL_CLOUDWATCH / AWS_ENDPOINT_URL / shared-config handling (checked in
 * @smithy/core 3.x: getEndpointUrlConfig("CloudWatch")). `shown` names what will be used, for logs.
 */
export function resolveEndpoint(
  config: Config,
  env: NodeJS.ProcessEnv,
): { endpoint?: string; shown: string } {
  if (config.cloudwatch.endpoint)
    return { endpoint: config.cloudwatch.endpoint, shown: config.cloudwatch.endpoint };
  const fromEnv = env[ENDPOINT_ENV] ?? env.AWS_ENDPOINT_URL;
  return { shown: fromEnv ? `${fromEnv} (from the environment)` : 'the regional AWS endpoint' };
}

export interface HostDimensions {
  dimensions: Dimension[];
  /** Configured dimensions that could not be filled, with why. */
  missing: string[];
}

/** InstanceId always (the host name off EC2), then the configured extra ones in the config's order. */
export function hostDimensions(
  config: Config,
  identity: HostIdentity,
  autoScalingGroup: { name?: string; reason?: string },
): HostDimensions {
  const instanceId = identity.instanceId ?? config.host.name ?? identity.hostname;
  const dimensions: Dimension[] = [{ Name: 'InstanceId', Value: instanceId }];
  const missing: string[] = [];
  for (const name of config.cloudwatch.dimensions) {
    const value =
      name === 'InstanceType'
        ? identity.instanceType
        : name === 'ImageId'
          ? identity.amiId
          : autoScalingGroup.name;
    if (value) dimensions.push({ Name: name, Value: value });
    else
      missing.push(
        name === 'AutoScalingGroupName'
          ? `AutoScalingGroupName: ${autoScalingGroup.reason ?? 'not known'}`
          : `${name}: not on EC2, so the instance metadata has none`,
      );
  }
  return { dimensions, missing };
}

/**
 * How long after a bucket ends its samples may still be committing: a collection cycle is cut off
 * at min(interval, 10 s); a probe at its service's timeout plus 1 s for checks that ignore it.
 */
export function settleMs(config: Config): number {
  const cycle = Math.max(1000, Math.min(config.metrics.interval, 10_000));
  const probes = Math.max(0, ...config.services.map((s) => s.timeout + 1000));
  return Math.max(cycle, probes) + 2000;
}

/** The series mapper the config asks for (include/exclude, counters scaled by the sampling interval). */
export function seriesMapperFor(
  config: Config,
  dimensions: readonly Dimension[],
): (local: LocalSeries) => CloudwatchSeries | undefined {
  return seriesMapper({
    hostDimensions: dimensions,
    ...(config.cloudwatch.include ? { include: config.cloudwatch.include } : {}),
    exclude: config.cloudwatch.exclude,
    sampleIntervalMs: config.metrics.interval,
  });
}

/** Whether the heartbeat goes out: when selected, and always when its alarm depends on it. */
export function publishesHeartbeat(config: Config): boolean {
  const cw = config.cloudwatch;
  return cw.heartbeatAlarm.enabled || metricSelector(cw.include, cw.exclude)(HEARTBEAT_METRIC);
}

export function bucketMsOf(config: Config): number {
  return config.cloudwatch.resolution * 1000;
}
