import { describe, expect, it } from 'vitest';
import { looksLikePartition, parseDiskstats } from '../../../agent/collectors/parse/diskstats.js';
import { ProcParseError } from '../../../agent/collectors/parse/errors.js';
import { parseNetDev } from '../../../agent/collectors/parse/netdev.js';
import { readProcFixture } from './fixtures.js';

describe('parseDiskstats', () => {
  it('reads every device of the real capture, including the 20-column vda line', () => {
    const stats = parseDiskstats(readProcFixture('real-t0', 'diskstats'));
    expect(stats.map((s) => s.device)).toEqual([
      'loop0',
      'loop1',
      'loop2',
      'loop3',
      'loop4',
      'loop5',
      'loop6',
      'loop7',
      'vda',
      'zram0',
    ]);
    // 254 0 vda 12659 7423 1461098 5911 2960 17083 1193472 3979 0 2228 ...
    expect(stats.find((s) => s.device === 'vda')).toEqual({
      major: 254,
      minor: 0,
      device: 'vda',
      readsCompleted: 12659,
      sectorsRead: 1461098,
      writesCompleted: 2960,
      sectorsWritten: 1193472,
      ioTimeMs: 2228,
    });
  });

  it('reads the old 14-column format and rejects short lines', () => {
    const [stat] = parseDiskstats('   8       0 sda 1 2 3 4 5 6 7 8 0 10 11\n');
    expect(stat).toMatchObject({
      device: 'sda',
      readsCompleted: 1,
      sectorsRead: 3,
      sectorsWritten: 7,
      ioTimeMs: 10,
    });
    expect(() => parseDiskstats('8 0 sda 1 2 3\n')).toThrow(ProcParseError);
  });
});

describe('looksLikePartition', () => {
  it.each([
    ['sda1', true],
    ['vda2', true],
    ['xvda1', true],
    ['nvme0n1p1', true],
    ['mmcblk0p2', true],
    ['sda', false],
    ['xvdf', false],
    ['nvme0n1', false],
    ['mmcblk0', false],
    ['dm-0', false],
    ['md0', false],
    ['sr0', false],
  ])('%s -> %s', (device, expected) => {
    expect(looksLikePartition(device)).toBe(expected);
  });
});

describe('parseNetDev', () => {
  it('reads the real capture and skips the two header lines', () => {
    const stats = parseNetDev(readProcFixture('real-t0', 'net/dev'));
    expect(stats.map((s) => s.interface)).toEqual(['lo', 'ifb0', 'ifb1', 'eth0']);
    // eth0: 304131924 9553 0 0 0 0 0 0 575710 5591 0 0 ...
    expect(stats[3]).toEqual({
      interface: 'eth0',
      bytesRecv: 304131924,
      packetsRecv: 9553,
      errIn: 0,
      dropIn: 0,
      bytesSent: 575710,
      packetsSent: 5591,
      errOut: 0,
      dropOut: 0,
    });
  });

  it('reads interface names glued to their first number and the error/drop columns', () => {
    const stats = parseNetDev(readProcFixture('ec2-t0', 'net/dev'));
    const ens5 = stats.find((s) => s.interface === 'ens5');
    expect(ens5).toMatchObject({ errIn: 5, dropIn: 10, dropOut: 2, bytesSent: 500000000 });
    expect(stats.map((s) => s.interface)).toContain('docker0');
    expect(() => parseNetDev('  eth0: 1 2 3\n')).toThrow(/short line for eth0/);
  });
});
