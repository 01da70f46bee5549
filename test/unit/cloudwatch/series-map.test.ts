import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INCLUDE,
  metricSelector,
  seriesMapper,
} from '../../../agent/exporters/cloudwatch/series-map.js';

const host = [{ Name: 'InstanceId', Value: 'i-0abc' }];
const map = seriesMapper({ hostDimensions: host, exclude: [], sampleIntervalMs: 10_000 });

describe('series mapping', () => {
  it('keeps CloudWatch-agent names and maps the labels it uses to dimensions, dropping others', () => {
    expect(
      map({
        metric: 'disk_used_percent',
        labels: { path: '/', device: 'nvme0n1p1', fstype: 'ext4' },
        unit: 'Percent',
      }),
    ).toEqual({
      metric: 'disk_used_percent',
      dimensions: [...host, { Name: 'path', Value: '/' }, { Name: 'device', Value: 'nvme0n1p1' }],
      unit: 'Percent',
      scale: 1,
    });
  });

  it('renames probe_up to up and keeps the service dimension', () => {
    expect(map({ metric: 'probe_up', labels: { service: 'nginx' }, unit: 'Count' })).toMatchObject({
      metric: 'up',
      dimensions: [...host, { Name: 'service', Value: 'nginx' }],
    });
  });

  it('turns per-second counter rates into per-interval amounts', () => {
    expect(
      map({ metric: 'net_bytes_sent', labels: { interface: 'eth0' }, unit: 'Bytes/Second' }),
    ).toMatchObject({
      unit: 'Bytes',
      scale: 10,
    });
    expect(
      map({ metric: 'diskio_write_bytes', labels: { device: 'nvme0n1' }, unit: 'Bytes/Second' })?.unit,
    ).toBe('Bytes');
  });

  it('skips the loopback interface and metrics outside the default include set', () => {
    expect(
      map({ metric: 'net_bytes_sent', labels: { interface: 'lo' }, unit: 'Bytes/Second' }),
    ).toBeUndefined();
    expect(map({ metric: 'cpu_usage_idle', labels: {}, unit: 'Percent' })).toBeUndefined();
    expect(map({ metric: 'mem_total', labels: {}, unit: 'Bytes' })).toBeUndefined();
  });

  it('applies include and exclude with wildcards to the CloudWatch names', () => {
    const select = metricSelector(['cpu_*', 'up'], ['cpu_usage_idle']);
    expect(select('cpu_usage_user')).toBe(true);
    expect(select('cpu_usage_idle')).toBe(false);
    expect(select('up')).toBe(true);
    expect(select('mem_used_percent')).toBe(false);
    const defaults = metricSelector(undefined, ['net_*']);
    expect(DEFAULT_INCLUDE.filter(defaults)).not.toContain('net_bytes_sent');
    expect(defaults('heartbeat')).toBe(true);
  });
});
