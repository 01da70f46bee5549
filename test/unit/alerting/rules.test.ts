import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../agent/config/schema.js';
import {
  compare,
  dedupKey,
  defaultRules,
  matchesLabels,
  rulesFromConfig,
  targetOfLabels,
} from '../../../alerting/rules.js';

const parse = (input: unknown) => configSchema.parse(input);

describe('rules from config', () => {
  it('has defaults for service down, resources, certificates and the SLO without any config', () => {
    const rules = rulesFromConfig(parse({}));
    expect(rules.map((r) => r.name)).toEqual([
      'service-down',
      'cpu-high',
      'memory-high',
      'disk-full',
      'disk-full-soon',
      'cert-expiry',
      'slo-burn',
      'slo-budget',
    ]);
    const cpu = rules.find((r) => r.name === 'cpu-high');
    expect(cpu).toMatchObject({
      kind: 'threshold',
      metric: 'cpu_usage_active',
      op: '>',
      threshold: 90,
      forMs: 300_000,
    });
    expect(rules.find((r) => r.name === 'disk-full-soon')).toMatchObject({
      kind: 'forecast',
      horizonMs: 86_400_000,
      threshold: 100,
    });
  });

  it('a configured rule replaces the default of the same name; others are added; disable removes defaults', () => {
    const rules = rulesFromConfig(
      parse({
        alerting: {
          rules: [
            {
              name: 'cpu-high',
              metric: 'cpu_usage_active',
              op: '>',
              threshold: 95,
              for: '15m',
              severity: 'critical',
            },
            {
              name: 'root filling',
              metric: 'disk_used_percent',
              labels: { path: '/' },
              op: '>=',
              threshold: 100,
              predict: { horizon: '12h' },
            },
          ],
          disable: ['memory-high', 'slo-budget'],
        },
      }),
    );
    const names = rules.map((r) => r.name);
    expect(names).not.toContain('memory-high');
    expect(names).not.toContain('slo-budget');
    expect(rules.find((r) => r.name === 'cpu-high')).toMatchObject({
      threshold: 95,
      forMs: 900_000,
      severity: 'critical',
    });
    expect(rules.find((r) => r.name === 'root filling')).toMatchObject({
      kind: 'forecast',
      horizonMs: 43_200_000,
      lookbackMs: 21_600_000,
      labels: { path: '/' },
    });
  });

  it('rejects duplicate names, unknown disable entries and crossed flapping thresholds with the key path', () => {
    const result = configSchema.safeParse({
      alerting: {
        rules: [
          { name: 'a', metric: 'm', op: '>', threshold: 1 },
          { name: 'a', metric: 'm', op: '<', threshold: 1 },
        ],
        disable: ['cpu-hi'],
        flapping: { high: 20, low: 30 },
      },
    });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(messages).toContain('alerting.rules.1.name: duplicate rule name "a"');
    expect(messages.some((m) => m.startsWith('alerting.disable.0: unknown rule "cpu-hi"'))).toBe(true);
    expect(messages.some((m) => m.includes('flapping.low must be below flapping.high'))).toBe(true);
  });
});

describe('matching and identity', () => {
  it('compares with each operator', () => {
    expect([
      compare(91, '>', 90),
      compare(90, '>', 90),
      compare(90, '>=', 90),
      compare(1, '<', 2),
      compare(2, '<=', 2),
    ]).toEqual([true, false, true, true, true]);
  });

  it('matches a label subset and names the target by its identity label', () => {
    const labels = { path: '/', device: '/dev/nvme0n1p1', fstype: 'ext4' };
    expect(matchesLabels(labels, { path: '/' })).toBe(true);
    expect(matchesLabels(labels, { path: '/var' })).toBe(false);
    expect(targetOfLabels(labels)).toBe('path=/');
    expect(targetOfLabels({ service: 'nginx' })).toBe('service=nginx');
    expect(targetOfLabels(undefined)).toBe('');
  });

  it('builds dedup keys from identity only: printable ASCII, at most 255 characters, stable', () => {
    expect(dedupKey('web-1', 'service-down', 'nginx')).toBe('web-1/service-down/nginx');
    expect(dedupKey('web-1', 'cpu-high', '')).toBe('web-1/cpu-high');
    expect(dedupKey('wéb', 'r', 't')).toBe('w_b/r/t');
    const long = dedupKey('h', 'rule', 'x'.repeat(400));
    expect(long).toHaveLength(255);
    expect(long).toBe(dedupKey('h', 'rule', 'x'.repeat(400)));
    expect(long).not.toBe(dedupKey('h', 'rule', `${'x'.repeat(399)}y`));
  });

  it('every default rule has a distinct name', () => {
    const names = defaultRules().map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
