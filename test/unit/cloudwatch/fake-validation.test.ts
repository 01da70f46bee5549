/** The fake CloudWatch refuses what the real one refuses, so tests that pass against it mean something. */
import { describe, expect, it } from 'vitest';
import { validatePutMetricData, type WireDatum } from '../../fakes/cloudwatch-validate.js';

const NOW = Date.UTC(2026, 10, 23, 10);
const good: WireDatum = {
  MetricName: 'cpu_usage_active',
  Dimensions: [{ Name: 'InstanceId', Value: 'i-1' }],
  Timestamp: NOW / 1000 - 60,
  StatisticValues: { SampleCount: 6, Sum: 60, Minimum: 5, Maximum: 15 },
  Unit: 'Percent',
  StorageResolution: 60,
};
const put =
  (data: unknown[], namespace = 'Hostwatch') =>
  () =>
    validatePutMetricData({ Namespace: namespace, MetricData: data }, NOW);

describe('fake CloudWatch validation', () => {
  it('accepts a well-formed request of 1000 datums', () => {
    expect(put(Array.from({ length: 1000 }, () => good))()).toHaveLength(1000);
  });

  it.each([
    ['1001 datums', put(Array.from({ length: 1001 }, () => good)), /must not have a size greater than 1000/],
    [
      '31 dimensions',
      put([{ ...good, Dimensions: Array.from({ length: 31 }, (_, i) => ({ Name: `d${i}`, Value: 'v' })) }]),
      /more than 30/,
    ],
    [
      'an empty dimension value',
      put([{ ...good, Dimensions: [{ Name: 'path', Value: '' }] }]),
      /Value must be 1 to 1024/,
    ],
    ['15 days old', put([{ ...good, Timestamp: NOW / 1000 - 15 * 86_400 }]), /two weeks in the past/],
    ['3 hours ahead', put([{ ...good, Timestamp: NOW / 1000 + 3 * 3600 }]), /two hours in the future/],
    [
      'NaN',
      put([{ ...good, StatisticValues: undefined, Value: 'NaN' as unknown as number }]),
      /Value is invalid/,
    ],
    ['Value and StatisticValues', put([{ ...good, Value: 1 }]), /mutually exclusive/],
    [
      'min above max',
      put([{ ...good, StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 2, Maximum: 1 } }]),
      /Minimum must not be greater/,
    ],
    [
      'a sum outside count x [min, max]',
      put([{ ...good, StatisticValues: { SampleCount: 2, Sum: 100, Minimum: 1, Maximum: 2 } }]),
      /Sum is inconsistent/,
    ],
    [
      'a zero sample count',
      put([{ ...good, StatisticValues: { SampleCount: 0, Sum: 0, Minimum: 0, Maximum: 0 } }]),
      /greater than 0/,
    ],
    ['an unknown unit', put([{ ...good, Unit: 'Bytes/Second/Second' }]), /Unit is invalid/],
    ['storage resolution 10', put([{ ...good, StorageResolution: 10 }]), /StorageResolution is invalid/],
    ['an AWS/ namespace', put([good], 'AWS/EC2'), /Namespace is invalid/],
  ])('refuses %s', (_what, call, message) => {
    expect(call).toThrow(message);
  });
});
