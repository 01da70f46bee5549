import { describe, expect, it } from 'vitest';
import { classifyGap } from '../../../agent/uptime/host-gap.js';
import type { StateInterval } from '../../../agent/uptime/types.js';
import { computeUptime } from '../../../agent/uptime/uptime.js';

const M = 60_000;
const T0 = Date.UTC(2026, 0, 5);
const at = (minutes: number) => T0 + minutes * M;

describe('classifyGap', () => {
  it('records the host down until the reboot and services unknown', () => {
    // last record at 600 min, kernel booted at 620, agent started at 621
    const gap = classifyGap({
      lastRecordAt: at(600),
      bootTimeMs: at(620),
      agentStartAt: at(621),
      services: ['nginx'],
    });
    expect(gap.rebooted).toBe(true);
    expect(gap.intervals).toEqual([
      { service: 'host', state: 'down', from: at(600), to: at(620), cause: 'host rebooted' },
      { service: 'host', state: 'unknown', from: at(620), to: at(621), cause: 'agent not running' },
      { service: 'nginx', state: 'unknown', from: at(600), to: at(620), cause: 'host rebooted' },
      { service: 'nginx', state: 'unknown', from: at(620), to: at(621), cause: 'agent not running' },
    ]);
  });

  it('never hides the reboot from host uptime, never charges services for it', () => {
    const gap = classifyGap({
      lastRecordAt: at(600),
      bootTimeMs: at(620),
      agentStartAt: at(621),
      services: ['nginx'],
    });
    const history: StateInterval[] = [
      { service: 'host', state: 'up', from: at(0), to: at(600) },
      { service: 'nginx', state: 'up', from: at(0), to: at(600) },
      ...gap.intervals,
      { service: 'host', state: 'up', from: at(621), to: null },
      { service: 'nginx', state: 'up', from: at(621), to: null },
    ];
    const window = { from: at(0), to: at(720), now: at(720), intervals: history, maintenance: [] };
    // host: up 600 + 99 = 699 min, down 20, unknown 1 -> 699 / 719
    const host = computeUptime({ ...window, service: 'host' });
    expect(host).toMatchObject({ upMs: 699 * M, downMs: 20 * M, unknownMs: 1 * M, outageCount: 1 });
    expect(host.uptimePercent).toBeCloseTo((100 * 699) / 719, 10);
    // nginx: up 699, unknown 21, down 0 -> 100%
    expect(computeUptime({ ...window, service: 'nginx' })).toMatchObject({
      downMs: 0,
      unknownMs: 21 * M,
      uptimePercent: 100,
    });
  });

  it('leaves everything unknown when the host did not reboot (agent crash or stop)', () => {
    // booted long before the last record: the agent alone was away
    const gap = classifyGap({
      lastRecordAt: at(600),
      bootTimeMs: at(-9000),
      agentStartAt: at(700),
      services: ['nginx', 'host'],
    });
    expect(gap.rebooted).toBe(false);
    expect(gap.intervals).toEqual([
      { service: 'host', state: 'unknown', from: at(600), to: at(700), cause: 'agent not running' },
      { service: 'nginx', state: 'unknown', from: at(600), to: at(700), cause: 'agent not running' },
    ]);
    // Unknown boot time: no evidence of a reboot either.
    expect(
      classifyGap({ lastRecordAt: at(600), bootTimeMs: undefined, agentStartAt: at(700), services: [] })
        .rebooted,
    ).toBe(false);
  });

  it('has nothing to fill on the first start or without a gap', () => {
    expect(
      classifyGap({ lastRecordAt: undefined, bootTimeMs: at(0), agentStartAt: at(1), services: ['nginx'] })
        .intervals,
    ).toEqual([]);
    expect(
      classifyGap({ lastRecordAt: at(5), bootTimeMs: at(0), agentStartAt: at(5), services: ['nginx'] })
        .intervals,
    ).toEqual([]);
  });

  it('keeps the host-down stretch inside the gap when the boot time is after the agent start (clock trouble)', () => {
    const gap = classifyGap({
      lastRecordAt: at(600),
      bootTimeMs: at(650),
      agentStartAt: at(640),
      services: [],
    });
    expect(gap.intervals).toEqual([
      { service: 'host', state: 'down', from: at(600), to: at(640), cause: 'host rebooted' },
    ]);
  });
});
