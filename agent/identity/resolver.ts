/**
 * Decides who this host is and caches it.
 *
 * - On EC2 (an IMDSv2 token is issued): identity from IMDS, re-read every refreshMs. A failed
 *   refresh keeps the last good identity and is retried after failureRetryMs.
 * - Off EC2 (no token within timeoutMs): identity from the OS, one info line, and IMDS is asked
 *   again only every refreshMs, silently unless the verdict changes.
 * - IMDS issued a token but the identity could not be read: local identity for now, retried
 *   after failureRetryMs (this is EC2 having a bad moment, not "off EC2").
 */
import type { Logger } from '../log.js';
import type { Clock } from '../types.js';
import { type Ec2Identity, fetchEc2Identity } from './imds.js';
import { type LocalIdentity, readLocalIdentity } from './local.js';
import type { HostIdentity, IdentityResolver } from './types.js';

export const DEFAULT_IMDS_TIMEOUT_MS = 1_000;
export const DEFAULT_IDENTITY_REFRESH_MS = 6 * 60 * 60 * 1_000;
export const DEFAULT_IDENTITY_FAILURE_RETRY_MS = 5 * 60 * 1_000;

export interface IdentityResolverDeps {
  clock: Clock;
  logger: Logger;
  /** IMDS base URL; else AWS_EC2_METADATA_SERVICE_ENDPOINT; else http://169.254.169.254. */
  endpoint?: string;
  /** Per IMDS request; default 1000. */
  timeoutMs?: number;
  /** Re-probe interval after a good answer or an off-EC2 verdict; default 6h. */
  refreshMs?: number;
  /** Re-probe interval after IMDS answered but failed; default 5 min. */
  failureRetryMs?: number;
  /** Never ask IMDS (config or AWS_EC2_METADATA_DISABLED); identity is local. */
  imdsDisabled?: boolean;
  /** Defaults to os.hostname() / os.networkInterfaces(). */
  readLocal?: () => LocalIdentity;
}

function fromImds(ec2: Ec2Identity, local: LocalIdentity, at: number): HostIdentity {
  return {
    hostname: ec2.localHostname ?? local.hostname,
    ec2: true,
    source: 'imds',
    instanceId: ec2.instanceId,
    instanceType: ec2.instanceType,
    amiId: ec2.amiId,
    region: ec2.region,
    availabilityZone: ec2.availabilityZone,
    ...(ec2.privateIpv4 ? { privateIpv4: ec2.privateIpv4 } : {}),
    ...(ec2.publicIpv4 ? { publicIpv4: ec2.publicIpv4 } : {}),
    localAddresses: local.localAddresses,
    resolvedAt: at,
  };
}

function fromLocal(local: LocalIdentity, reason: string, at: number): HostIdentity {
  return { ...local, ec2: false, source: 'local', reason, resolvedAt: at };
}

export function createIdentityResolver(deps: IdentityResolverDeps): IdentityResolver {
  const { clock } = deps;
  const logger = deps.logger.child({ component: 'identity' });
  const timeoutMs = deps.timeoutMs ?? DEFAULT_IMDS_TIMEOUT_MS;
  const refreshMs = deps.refreshMs ?? DEFAULT_IDENTITY_REFRESH_MS;
  const failureRetryMs = deps.failureRetryMs ?? DEFAULT_IDENTITY_FAILURE_RETRY_MS;
  const readLocal = deps.readLocal ?? (() => readLocalIdentity());

  let identity: HostIdentity | undefined;
  let nextProbeAt = 0;
  let inFlight: Promise<HostIdentity> | undefined;
  /** What the log last said, so repeated probes with the same verdict stay quiet. */
  let announced: 'ec2' | 'local' | 'stale' | undefined;

  const probe = async (): Promise<HostIdentity> => {
    const local = readLocal();
    if (deps.imdsDisabled) {
      identity = fromLocal(local, 'IMDS lookup disabled by configuration', clock.now());
      nextProbeAt = Number.POSITIVE_INFINITY;
      if (announced !== 'local')
        logger.info('using local host identity', { hostname: local.hostname, reason: identity.reason });
      announced = 'local';
      return identity;
    }

    const outcome = await fetchEc2Identity({
      timeoutMs,
      ...(deps.endpoint ? { endpoint: deps.endpoint } : {}),
    });
    const at = clock.now();

    if (outcome.ok) {
      const next = fromImds(outcome.identity, local, at);
      if (announced !== 'ec2' || identity?.instanceId !== next.instanceId) {
        logger.info('EC2 identity resolved from IMDS', {
          instanceId: next.instanceId,
          instanceType: next.instanceType,
          region: next.region,
          availabilityZone: next.availabilityZone,
          hostname: next.hostname,
        });
      }
      announced = 'ec2';
      identity = next;
      nextProbeAt = at + refreshMs;
      return identity;
    }

    if (identity?.ec2) {
      // Keep the last good EC2 identity: an IMDS hiccup does not move the instance.
      if (announced !== 'stale') {
        logger.warn('IMDS refresh failed; keeping the last EC2 identity', {
          instanceId: identity.instanceId,
          reason: outcome.reason,
        });
      }
      announced = 'stale';
      nextProbeAt = at + failureRetryMs;
      return identity;
    }

    identity = fromLocal(local, outcome.reason, at);
    nextProbeAt = at + (outcome.stage === 'token' ? refreshMs : failureRetryMs);
    if (announced !== 'local') {
      logger.info('not on EC2 or IMDS unavailable; using local host identity', {
        hostname: local.hostname,
        reason: outcome.reason,
      });
    }
    announced = 'local';
    return identity;
  };

  const refresh = (): Promise<HostIdentity> => {
    inFlight ??= probe().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  return {
    current: () => {
      if (identity && clock.now() < nextProbeAt) return Promise.resolve(identity);
      return refresh();
    },
    cached: () => identity,
    refresh,
  };
}
