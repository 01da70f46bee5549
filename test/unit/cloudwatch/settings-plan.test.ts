import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../agent/config/load.js';
import { buildPlan, PRICES_USD } from '../../../agent/exporters/cloudwatch/plan.js';
import { seriesMapper } from '../../../agent/exporters/cloudwatch/series-map.js';
import {
  hostDimensions,
  publishesHeartbeat,
  resolveEndpoint,
  resolveRegion,
  settleMs,
} from '../../../agent/exporters/cloudwatch/settings.js';
import type { HostIdentity } from '../../../agent/identity/types.js';
import { referenceHostSeries } from '../../helpers/cloudwatch.js';

const ec2: HostIdentity = {
  hostname: 'ip-10-0-1-23',
  ec2: true,
  source: 'imds',
  instanceId: 'i-0abc',
  instanceType: 't3.small',
  amiId: 'ami-1',
  region: 'eu-central-1',
  localAddresses: [],
  resolvedAt: 0,
};
const laptop: HostIdentity = {
  hostname: 'laptop',
  ec2: false,
  source: 'local',
  localAddresses: [],
  resolvedAt: 0,
};
const config = (yaml = '') => parseConfigText(yaml, 'test');

describe('settings', () => {
  it('takes the region from the config, then the instance, then AWS_REGION', () => {
    expect(resolveRegion(config('cloudwatch: { region: us-east-1 }'), ec2, {})).toEqual({
      region: 'us-east-1',
      source: 'cloudwatch.region',
    });
    expect(resolveRegion(config(), ec2, { AWS_REGION: 'x' }).region).toBe('eu-central-1');
    expect(resolveRegion(config(), laptop, { AWS_REGION: 'eu-west-1' }).source).toBe('AWS_REGION');
    expect(resolveRegion(config(), laptop, {}).region).toBeUndefined();
  });

  it('passes only a configured endpoint to the client and names the environment one', () => {
    expect(resolveEndpoint(config('cloudwatch: { endpoint: "http://127.0.0.1:1" }'), {}).endpoint).toBe(
      'http://127.0.0.1:1',
    );
    const fromEnv = resolveEndpoint(config(), { AWS_ENDPOINT_URL_CLOUDWATCH: 'http://vpce' });
    expect(fromEnv.endpoint).toBeUndefined();
    expect(fromEnv.shown).toContain('http://vpce');
  });

  it('builds the host dimensions and says which could not be filled', () => {
    const cfg = config('cloudwatch: { dimensions: [InstanceType, AutoScalingGroupName, ImageId] }');
    expect(hostDimensions(cfg, ec2, { name: 'web-asg' }).dimensions).toEqual([
      { Name: 'InstanceId', Value: 'i-0abc' },
      { Name: 'InstanceType', Value: 't3.small' },
      { Name: 'AutoScalingGroupName', Value: 'web-asg' },
      { Name: 'ImageId', Value: 'ami-1' },
    ]);
    const off = hostDimensions(cfg, laptop, { reason: 'not on EC2' });
    expect(off.dimensions).toEqual([{ Name: 'InstanceId', Value: 'laptop' }]);
    expect(off.missing).toHaveLength(3);
    expect(off.missing[1]).toBe('AutoScalingGroupName: not on EC2');
  });

  it('waits for the slowest probe before a bucket is aggregated', () => {
    expect(settleMs(config())).toBe(12_000);
    expect(
      settleMs(
        config(
          'services: [{ name: a, timeout: 20s, interval: 1m, checks: [{ tcp: { host: 127.0.0.1, port: 1 } }] }]',
        ),
      ),
    ).toBe(23_000);
  });

  it('publishes the heartbeat when selected or when its alarm needs it', () => {
    expect(publishesHeartbeat(config())).toBe(true);
    expect(publishesHeartbeat(config('cloudwatch: { exclude: [heartbeat] }'))).toBe(false);
    expect(
      publishesHeartbeat(config('cloudwatch: { exclude: [heartbeat], heartbeatAlarm: { enabled: true } }')),
    ).toBe(true);
  });

  it('rejects a reserved namespace and an impossible alarm', () => {
    expect(() => config('cloudwatch: { namespace: "AWS/EC2" }')).toThrow(
      /cloudwatch.namespace: the AWS\/ prefix is reserved/,
    );
    expect(() =>
      config('cloudwatch: { heartbeatAlarm: { evaluationPeriods: 2, datapointsToAlarm: 3 } }'),
    ).toThrow(/cloudwatch.heartbeatAlarm.datapointsToAlarm: must be at most evaluationPeriods \(2\), got 3/);
  });
});

describe('plan', () => {
  const host = [{ Name: 'InstanceId', Value: 'i-0abc' }];
  const plan = (flushIntervalMs: number, resolutionSeconds = 60, alarms = 0) =>
    buildPlan({
      namespace: 'Hostwatch',
      resolutionSeconds,
      flushIntervalMs,
      localSeries: referenceHostSeries(),
      mapSeries: seriesMapper({ hostDimensions: host, exclude: [], sampleIntervalMs: 10_000 }),
      heartbeatDimensions: host,
      alarms,
    });

  it('stays within 25 series and 60 requests an hour at defaults for 2 disks, 2 interfaces, 3 services', () => {
    const p = plan(60_000, 60, 2);
    expect(p.series).toHaveLength(20);
    expect(p.series.filter((s) => s.metric === 'up').map((s) => s.dimensions.service)).toEqual([
      'admin',
      'nginx',
      'tomcat',
    ]);
    expect(p.series.some((s) => s.dimensions.interface === 'lo')).toBe(false);
    expect(p.requests.perHour).toBe(60);
    expect(p.requests.perMonth).toBe(60 * 730);
    expect(p.costUsdPerMonth).toEqual({
      metrics: 20 * PRICES_USD.perMetricMonth,
      requests: 0.44,
      alarms: 0.2,
      total: 6.64,
    });
  });

  it('counts one request per flush that carries data, and more when a flush exceeds 1000 datums', () => {
    expect(plan(15 * 60_000).requests.perHour).toBe(4);
    expect(plan(10_000).requests.perHour).toBe(60);
    expect(plan(60_000, 1).requests.perHour).toBe(60 * 2);
  });
});
