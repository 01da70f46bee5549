/** Who this host is: from IMDSv2 on EC2, from the OS elsewhere. */
export interface HostIdentity {
  /** EC2: local-hostname from IMDS; else os.hostname(). */
  hostname: string;
  ec2: boolean;
  source: 'imds' | 'local';
  /** When ec2 is false: why, in plain words (e.g. "IMDS not reachable at http://169.254.169.254 within 1000ms"). */
  reason?: string;
  instanceId?: string;
  instanceType?: string;
  amiId?: string;
  region?: string;
  availabilityZone?: string;
  privateIpv4?: string;
  publicIpv4?: string;
  /** Non-internal IPv4/IPv6 addresses of this host's interfaces (IPv6 link-local left out). */
  localAddresses: string[];
  /** ms epoch (injected clock) of the probe that produced this identity. */
  resolvedAt: number;
}

export interface IdentityResolver {
  /** The cached identity, re-probing first when it is due. Concurrent callers share one probe. */
  current(): Promise<HostIdentity>;
  /** The last identity without probing; undefined before the first probe finished. */
  cached(): HostIdentity | undefined;
  /** Probe now, whatever the schedule (e.g. on SIGHUP / `systemctl reload`). */
  refresh(): Promise<HostIdentity>;
}
