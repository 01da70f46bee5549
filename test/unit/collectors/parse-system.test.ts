import { describe, expect, it } from 'vitest';
import { cpuUsagePercent } from '../../../agent/collectors/parse/cpu-usage.js';
import { ProcParseError } from '../../../agent/collectors/parse/errors.js';
import { parseLoadavg } from '../../../agent/collectors/parse/loadavg.js';
import { memoryFromMeminfo, parseMeminfo, swapFromMeminfo } from '../../../agent/collectors/parse/meminfo.js';
import { parseProcStat } from '../../../agent/collectors/parse/stat.js';
import { parseUptime } from '../../../agent/collectors/parse/uptime.js';
import { readProcFixture } from './fixtures.js';

const KIB = 1024;

describe('parseProcStat', () => {
  it('reads the aggregate cpu line, the CPU count and btime of the real capture', () => {
    const stat = parseProcStat(readProcFixture('real-t0', 'stat'));
    expect(stat.cpu).toEqual({
      user: 9583,
      nice: 0,
      system: 1697,
      idle: 38774,
      iowait: 156,
      irq: 0,
      softirq: 41,
      steal: 9,
      guest: 0,
      guestNice: 0,
    });
    expect(stat.cpuCount).toBe(2);
    expect(stat.bootTime).toBe(1795392079);
  });

  it('defaults steal and guest to 0 on a 7-field cpu line', () => {
    const stat = parseProcStat(readProcFixture('old-kernel', 'stat'));
    expect(stat.cpu.softirq).toBe(20);
    expect(stat.cpu.steal).toBe(0);
    expect(stat.cpu.guestNice).toBe(0);
    expect(stat.cpuCount).toBe(1);
  });

  it('throws a ProcParseError without a cpu line or with garbage in it', () => {
    expect(() => parseProcStat('intr 1 2\nbtime 5\n')).toThrow(ProcParseError);
    expect(() => parseProcStat('cpu  1 2 x 4\n')).toThrow(/cpu system/);
  });
});

describe('cpuUsagePercent', () => {
  it('splits the real captures delta by hand-computed shares', () => {
    const t0 = parseProcStat(readProcFixture('real-t0', 'stat')).cpu;
    const t1 = parseProcStat(readProcFixture('real-t1', 'stat')).cpu;
    const delta = {
      user: t1.user - t0.user, // 173
      nice: 0,
      system: t1.system - t0.system, // 17
      idle: t1.idle - t0.idle, // 580
      iowait: t1.iowait - t0.iowait, // 9
      irq: 0,
      softirq: t1.softirq - t0.softirq, // 1
      steal: 0,
      guest: 0,
      guestNice: 0,
    };
    const usage = cpuUsagePercent(delta);
    // total = 173 + 17 + 580 + 9 + 1 = 780 ticks
    expect(usage?.user).toBeCloseTo((173 / 780) * 100, 10);
    expect(usage?.system).toBeCloseTo((17 / 780) * 100, 10);
    expect(usage?.idle).toBeCloseTo((580 / 780) * 100, 10);
    expect(usage?.iowait).toBeCloseTo((9 / 780) * 100, 10);
    expect(usage?.active).toBeCloseTo((200 / 780) * 100, 10);
  });

  it('does not count guest time twice and counts steal', () => {
    const usage = cpuUsagePercent({
      user: 50,
      nice: 0,
      system: 0,
      idle: 25,
      iowait: 0,
      irq: 0,
      softirq: 0,
      steal: 25,
      guest: 40,
      guestNice: 0,
    });
    expect(usage).toMatchObject({ user: 50, steal: 25, idle: 25, active: 75 });
  });

  it('gives nothing when no time passed', () => {
    const zero = {
      user: 0,
      nice: 0,
      system: 0,
      idle: 0,
      iowait: 0,
      irq: 0,
      softirq: 0,
      steal: 0,
      guest: 0,
      guestNice: 0,
    };
    expect(cpuUsagePercent(zero)).toBeUndefined();
  });
});

describe('parseLoadavg and parseUptime', () => {
  it('read the real captures', () => {
    expect(parseLoadavg(readProcFixture('real-t0', 'loadavg'))).toEqual({
      load1: 0.2,
      load5: 0.23,
      load15: 0.1,
    });
    expect(parseUptime(readProcFixture('real-t0', 'uptime'))).toBe(252.89);
  });

  it('reject malformed text', () => {
    expect(() => parseLoadavg('0.1 0.2\n')).toThrow(ProcParseError);
    expect(() => parseUptime('\n')).toThrow(ProcParseError);
    expect(() => parseUptime('abc 1')).toThrow(/uptime/);
  });
});

describe('meminfo', () => {
  it('computes CloudWatch-agent memory figures for the real capture', () => {
    const mem = memoryFromMeminfo(parseMeminfo(readProcFixture('real-t0', 'meminfo')));
    // MemTotal 24684084 kB, MemAvailable 24268656 kB, MemFree 24303508 kB, Buffers 3056 kB,
    // Cached 143936 kB + SReclaimable 37332 kB
    expect(mem.total).toBe(24684084 * KIB);
    expect(mem.available).toBe(24268656 * KIB);
    expect(mem.used).toBe((24684084 - 24268656) * KIB);
    expect(mem.usedPercent).toBeCloseTo((415428 / 24684084) * 100, 10);
    expect(mem.usedPercent).toBeCloseTo(1.68298, 4);
    expect(mem.availablePercent).toBeCloseTo((24268656 / 24684084) * 100, 10);
    expect(mem.free).toBe(24303508 * KIB);
    expect(mem.buffered).toBe(3056 * KIB);
    expect(mem.cached).toBe((143936 + 37332) * KIB);
  });

  it('reports no swap as 0 percent on the real capture', () => {
    expect(swapFromMeminfo(parseMeminfo(readProcFixture('real-t0', 'meminfo')))).toEqual({
      total: 0,
      free: 0,
      used: 0,
      usedPercent: 0,
    });
  });

  it('computes swap and memory on a host with swap in use', () => {
    const meminfo = parseMeminfo(readProcFixture('ec2-t0', 'meminfo'));
    const swap = swapFromMeminfo(meminfo);
    expect(swap.total).toBe(2097148 * KIB);
    expect(swap.used).toBe((2097148 - 1572861) * KIB);
    expect(swap.usedPercent).toBeCloseTo(25, 10);
    const mem = memoryFromMeminfo(meminfo);
    expect(mem.usedPercent).toBeCloseTo(75, 10);
    expect(mem.availablePercent).toBeCloseTo(25, 10);
    expect(mem.cached).toBe(1650000 * KIB);
  });

  it('estimates MemAvailable as free + buffers + cached on kernels without it', () => {
    const mem = memoryFromMeminfo(parseMeminfo(readProcFixture('old-kernel', 'meminfo')));
    expect(mem.available).toBe(400000 * KIB);
    expect(mem.usedPercent).toBeCloseTo(60, 10);
  });

  it('keeps HugePages counts unscaled and throws when MemTotal is missing', () => {
    const meminfo = parseMeminfo('HugePages_Total:       3\nHugepagesize:       2048 kB\n');
    expect(meminfo.get('HugePages_Total')).toBe(3);
    expect(meminfo.get('Hugepagesize')).toBe(2048 * KIB);
    expect(() => memoryFromMeminfo(meminfo)).toThrow(/MemTotal/);
  });
});
