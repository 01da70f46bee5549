import { ProcParseError } from './errors.js';

/** One line of /proc/self/mounts (fstab format). */
export interface Mount {
  device: string;
  mountPoint: string;
  fsType: string;
  options: string;
}

/** The kernel escapes space, tab, newline and backslash in mount fields as 3-digit octal (\040). */
function unescapeOctal(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}

export function parseMounts(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const f = line.trim().split(/\s+/);
    if (f.length < 4) throw new ProcParseError('/proc/self/mounts', `short line ${JSON.stringify(line)}`);
    mounts.push({
      device: unescapeOctal(f[0] as string),
      mountPoint: unescapeOctal(f[1] as string),
      fsType: f[2] as string,
      options: f[3] as string,
    });
  }
  return mounts;
}

/**
 * Filesystems that hold no user data or mirror another one. Starts from the CloudWatch agent's
 * documented example (tmpfs, devtmpfs, overlay, squashfs, iso9660, ...) and adds the kernel's pseudo
 * filesystems, which report zero blocks or change with every container start.
 */
export const DEFAULT_IGNORE_FS_TYPES: readonly string[] = [
  'autofs',
  'aufs',
  'binfmt_misc',
  'bpf',
  'cgroup',
  'cgroup2',
  'configfs',
  'debugfs',
  'devfs',
  'devpts',
  'devtmpfs',
  'efivarfs',
  'fuse.lxcfs',
  'fuse.portal',
  'fuse.gvfsd-fuse',
  'fusectl',
  'hugetlbfs',
  'iso9660',
  'mqueue',
  'nsfs',
  'nfsd',
  'overlay',
  'proc',
  'pstore',
  'ramfs',
  'rpc_pipefs',
  'securityfs',
  'selinuxfs',
  'squashfs',
  'sysfs',
  'tmpfs',
  'tracefs',
];

/** Container runtimes bind-mount and overlay-mount below these; the host's own disks are reported elsewhere. */
export const DEFAULT_IGNORE_MOUNT_POINTS: readonly string[] = [
  '/var/lib/docker',
  '/var/lib/containers',
  '/var/lib/kubelet',
  '/run/containerd',
];

export interface MountFilter {
  ignoreFsTypes: readonly string[];
  /** A mount point is ignored when it equals an entry or lies below it ('/' only ignores '/' itself). */
  ignoreMountPoints: readonly string[];
}

function isIgnoredMountPoint(mountPoint: string, ignored: readonly string[]): boolean {
  return ignored.some((entry) => {
    const base = entry.length > 1 ? entry.replace(/\/+$/, '') : entry;
    return mountPoint === base || (base !== '/' && mountPoint.startsWith(`${base}/`));
  });
}

/**
 * The mounts worth a statfs: real filesystems only, each source device once (the first mount of it
 * wins, so a bind mount of / elsewhere is not counted twice). When something is mounted over an
 * existing mount point only the later, visible mount counts. Sources that name no device ("none")
 * are never treated as duplicates of each other.
 */
export function selectRealMounts(mounts: readonly Mount[], filter: MountFilter): Mount[] {
  const ignoredTypes = new Set(filter.ignoreFsTypes);
  const visible = new Map<string, Mount>();
  for (const mount of mounts) visible.set(mount.mountPoint, mount);
  const seenDevices = new Set<string>();
  const selected: Mount[] = [];
  for (const mount of mounts) {
    if (visible.get(mount.mountPoint) !== mount) continue;
    if (ignoredTypes.has(mount.fsType)) continue;
    if (isIgnoredMountPoint(mount.mountPoint, filter.ignoreMountPoints)) continue;
    if (mount.device !== 'none') {
      if (seenDevices.has(mount.device)) continue;
      seenDevices.add(mount.device);
    }
    selected.push(mount);
  }
  return selected;
}
