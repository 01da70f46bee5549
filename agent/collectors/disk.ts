import { statfs as nodeStatfs } from 'node:fs/promises';
import type { Logger } from '../log.js';
import { silentLogger } from '../log.js';
import type { Collector, Sample } from '../types.js';
import {
  DEFAULT_IGNORE_FS_TYPES,
  DEFAULT_IGNORE_MOUNT_POINTS,
  type Mount,
  parseMounts,
  selectRealMounts,
} from './parse/mounts.js';
import { type DiskUsage, diskUsageFromStatfs, type StatfsResult } from './parse/statfs.js';
import { DEFAULT_PROC_ROOT, readRootFile } from './proc-files.js';
import { sample } from './sample.js';

export type StatfsFn = (path: string) => Promise<StatfsResult>;

export const DEFAULT_STATFS_TIMEOUT_MS = 2000;

export interface DiskCollectorOptions {
  procRoot?: string;
  /** How long one statfs may take before its mount is reported unresponsive. */
  timeoutMs?: number;
  ignoreFsTypes?: readonly string[];
  /** Mount points to leave out, with everything below them. */
  ignoreMountPoints?: readonly string[];
  /** Injected for tests; default fs.promises.statfs. */
  statfs?: StatfsFn;
  logger?: Logger;
}

type MountOutcome =
  | { kind: 'ok'; usage: DiskUsage }
  | { kind: 'unresponsive'; reason: 'timeout' | 'still pending' }
  | { kind: 'failed'; message: string };

/**
 * Space and inode usage per real mounted filesystem (labels path, device, fstype).
 *
 * A hung mount (dead NFS server) must not hang the agent: each statfs races a timeout, and a mount
 * whose earlier statfs has not returned yet is not asked again, so hung calls cannot pile up and
 * fill libuv's small threadpool. Such a mount gets a `disk_unresponsive` sample (value 1) instead of
 * usage figures, and the other mounts report as usual. A mount whose statfs fails outright (e.g.
 * unmounted in between) is left out of this cycle and logged.
 */
export class DiskCollector implements Collector {
  readonly name = 'disk';
  private readonly procRoot: string;
  private readonly timeoutMs: number;
  private readonly filter: { ignoreFsTypes: readonly string[]; ignoreMountPoints: readonly string[] };
  private readonly statfs: StatfsFn;
  private readonly logger: Logger;
  /** Mount points with a statfs still in flight. */
  private readonly pending = new Set<string>();
  /** Mount points currently reported unresponsive or failing, to log changes once, not every cycle. */
  private readonly troubled = new Map<string, string>();

  constructor(options: DiskCollectorOptions = {}) {
    this.procRoot = options.procRoot ?? DEFAULT_PROC_ROOT;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_STATFS_TIMEOUT_MS;
    this.filter = {
      ignoreFsTypes: options.ignoreFsTypes ?? DEFAULT_IGNORE_FS_TYPES,
      ignoreMountPoints: options.ignoreMountPoints ?? DEFAULT_IGNORE_MOUNT_POINTS,
    };
    this.statfs = options.statfs ?? ((path) => nodeStatfs(path));
    this.logger = options.logger ?? silentLogger;
  }

  async collect(now: number): Promise<Sample[]> {
    const mounts = selectRealMounts(
      parseMounts(await readRootFile(this.procRoot, 'self/mounts')),
      this.filter,
    );
    const outcomes = await Promise.all(mounts.map((mount) => this.statMount(mount.mountPoint)));
    const samples: Sample[] = [];
    mounts.forEach((mount, index) => {
      const outcome = outcomes[index] as MountOutcome;
      this.noteChange(mount, outcome);
      samples.push(...mountSamples(mount, outcome, now));
    });
    const present = new Set(mounts.map((mount) => mount.mountPoint));
    for (const path of this.troubled.keys()) if (!present.has(path)) this.troubled.delete(path);
    return samples;
  }

  private statMount(path: string): Promise<MountOutcome> {
    if (this.pending.has(path)) return Promise.resolve({ kind: 'unresponsive', reason: 'still pending' });
    this.pending.add(path);
    let call: Promise<StatfsResult>;
    try {
      call = this.statfs(path);
    } catch (error) {
      call = Promise.reject(error);
    }
    const settled = call.then(
      (result): MountOutcome => ({ kind: 'ok', usage: diskUsageFromStatfs(result) }),
      (error: unknown): MountOutcome => ({ kind: 'failed', message: errorMessage(error) }),
    );
    void settled.finally(() => this.pending.delete(path));
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ kind: 'unresponsive', reason: 'timeout' }), this.timeoutMs);
      timer.unref();
      void settled.then((outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      });
    });
  }

  private noteChange(mount: Mount, outcome: MountOutcome): void {
    const fields = { path: mount.mountPoint, device: mount.device, fstype: mount.fsType };
    const before = this.troubled.get(mount.mountPoint);
    if (outcome.kind === 'ok') {
      if (before !== undefined) this.logger.info('disk mount responds again', fields);
      this.troubled.delete(mount.mountPoint);
      return;
    }
    const now = outcome.kind === 'failed' ? `failed: ${outcome.message}` : 'unresponsive';
    if (now === before) return;
    this.troubled.set(mount.mountPoint, now);
    if (outcome.kind === 'failed')
      this.logger.warn('disk statfs failed', { ...fields, error: outcome.message });
    else
      this.logger.warn('disk mount unresponsive, not querying it again until statfs returns', {
        ...fields,
        reason: outcome.reason,
        timeoutMs: this.timeoutMs,
      });
  }
}

function mountSamples(mount: Mount, outcome: MountOutcome, now: number): Sample[] {
  const labels = {
    path: mount.mountPoint,
    device: mount.device.replace(/^\/dev\//, ''),
    fstype: mount.fsType,
  };
  if (outcome.kind === 'unresponsive') return [sample('disk_unresponsive', 1, 'Count', now, labels)];
  if (outcome.kind === 'failed') return [];
  const { usage } = outcome;
  // Zero-sized filesystems are pseudo ones missing from the ignore list (Telegraf skips them too).
  if (usage.total === 0) return [];
  const samples = [
    sample('disk_used_percent', usage.usedPercent, 'Percent', now, labels),
    sample('disk_used', usage.used, 'Bytes', now, labels),
    sample('disk_free', usage.free, 'Bytes', now, labels),
    sample('disk_total', usage.total, 'Bytes', now, labels),
  ];
  if (usage.inodesUsedPercent !== undefined) {
    samples.push(sample('disk_inodes_used_percent', usage.inodesUsedPercent, 'Percent', now, labels));
  }
  return samples;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
