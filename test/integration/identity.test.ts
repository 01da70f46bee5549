/**
 * Host identity against the real @aws-sdk/ec2-metadata-service client and a fake IMDSv2 server.
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readLocalIdentity } from '../../agent/identity/local.js';
import { createIdentityResolver, type IdentityResolverDeps } from '../../agent/identity/resolver.js';
import { createLogger } from '../../agent/log.js';
import { defaultFakeImdsIdentity, type FakeImds, startFakeImds } from '../fakes/imds-server.js';

const HOUR = 3_600_000;
const DOCUMENT_PATH = '/latest/dynamic/instance-identity/document';

interface LogRecord {
  level: string;
  msg: string;
  [key: string]: unknown;
}

function harness(overrides: Partial<IdentityResolverDeps> = {}) {
  let now = Date.parse('2025-03-03T10:00:00Z');
  const clock = { now: () => now };
  const logs: LogRecord[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line)) });
  const resolver = createIdentityResolver({ clock, logger, ...overrides });
  return {
    resolver,
    logs,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
  };
}

const servers: FakeImds[] = [];
async function fakeImds(...args: Parameters<typeof startFakeImds>): Promise<FakeImds> {
  const imds = await startFakeImds(...args);
  servers.push(imds);
  return imds;
}

afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A port that was just free: nothing listens there. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${address.port}`;
}

describe('fake IMDSv2 server', () => {
  it('answers 401 to a GET without a token, or with a token it never issued', async () => {
    const imds = await fakeImds();
    const noToken = await fetch(`${imds.url}/latest/meta-data/instance-id`);
    expect(noToken.status).toBe(401);
    const bogus = await fetch(`${imds.url}/latest/meta-data/instance-id`, {
      headers: { 'X-aws-ec2-metadata-token': 'not-issued' },
    });
    expect(bogus.status).toBe(401);
    expect(imds.tokenlessGets()).toBe(1);
  });

  it('issues a token on PUT with a TTL and serves metadata with it; unknown paths are 404', async () => {
    const imds = await fakeImds();
    const withoutTtl = await fetch(`${imds.url}/latest/api/token`, { method: 'PUT' });
    expect(withoutTtl.status).toBe(400);
    const tokenResponse = await fetch(`${imds.url}/latest/api/token`, {
      method: 'PUT',
      headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '60' },
    });
    expect(tokenResponse.status).toBe(200);
    const token = await tokenResponse.text();
    const headers = { 'X-aws-ec2-metadata-token': token };
    const instanceId = await fetch(`${imds.url}/latest/meta-data/instance-id`, { headers });
    expect(await instanceId.text()).toBe(defaultFakeImdsIdentity.instanceId);
    expect((await fetch(`${imds.url}/latest/meta-data/no-such-thing`, { headers })).status).toBe(404);
    // Doubled slash: a strict path match, as some IMDS proxies do.
    expect((await fetch(`${imds.url}/${DOCUMENT_PATH}`, { headers })).status).toBe(404);
  });
});

describe('identity resolver on EC2 (fake IMDS)', () => {
  it('resolves the full identity over IMDSv2 and logs one info line', async () => {
    const imds = await fakeImds();
    const { resolver, logs, now } = harness({ endpoint: imds.url });

    const identity = await resolver.current();

    expect(identity).toEqual({
      hostname: defaultFakeImdsIdentity.localHostname,
      ec2: true,
      source: 'imds',
      instanceId: 'i-0123456789abcdef0',
      instanceType: 't3.small',
      amiId: 'ami-0abcdef1234567890',
      region: 'eu-central-1',
      availabilityZone: 'eu-central-1a',
      privateIpv4: '10.0.1.23',
      publicIpv4: '203.0.113.10',
      localAddresses: readLocalIdentity().localAddresses,
      resolvedAt: now(),
    });
    expect(identity.reason).toBeUndefined();
    expect(resolver.cached()).toBe(identity);
    expect(imds.tokenlessGets()).toBe(0);
    expect(imds.requests.every((r) => r.status === 200)).toBe(true);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ level: 'info', instanceId: 'i-0123456789abcdef0' });
  });

  it('leaves publicIpv4 undefined when public-ipv4 is 404', async () => {
    const imds = await fakeImds({ identity: { publicIpv4: null } });
    const { resolver } = harness({ endpoint: imds.url });

    const identity = await resolver.current();

    expect(identity.ec2).toBe(true);
    expect(identity.publicIpv4).toBeUndefined();
    expect('publicIpv4' in identity).toBe(false);
    expect(identity.privateIpv4).toBe('10.0.1.23');
    expect(imds.requests.some((r) => r.path === '/latest/meta-data/public-ipv4' && r.status === 404)).toBe(
      true,
    );
  });

  it('takes the endpoint from AWS_EC2_METADATA_SERVICE_ENDPOINT when no option is given', async () => {
    const imds = await fakeImds();
    vi.stubEnv('AWS_EC2_METADATA_SERVICE_ENDPOINT', imds.url);
    const { resolver } = harness();

    const identity = await resolver.current();

    expect(identity.ec2).toBe(true);
    expect(identity.instanceId).toBe(defaultFakeImdsIdentity.instanceId);
    expect(imds.requests.length).toBeGreaterThan(0);
  });

  it('accepts an endpoint with a trailing slash without doubling it in paths', async () => {
    const imds = await fakeImds();
    const { resolver } = harness({ endpoint: `${imds.url}/` });

    expect((await resolver.current()).ec2).toBe(true);
    expect(imds.requests.some((r) => r.path.startsWith('//'))).toBe(false);
  });

  it('serves the cache: a second current() and concurrent callers make no new requests', async () => {
    const imds = await fakeImds();
    const { resolver } = harness({ endpoint: imds.url });

    const [a, b] = await Promise.all([resolver.current(), resolver.current()]);
    expect(b).toBe(a);
    const afterFirstProbe = imds.requests.length;
    expect(afterFirstProbe).toBeGreaterThan(0);

    expect(await resolver.current()).toBe(a);
    expect(imds.requests.length).toBe(afterFirstProbe);
  });

  it('re-reads IMDS once refreshMs has passed on the injected clock', async () => {
    const imds = await fakeImds();
    const { resolver, logs, advance, now } = harness({ endpoint: imds.url, refreshMs: HOUR });
    const first = await resolver.current();
    const afterFirstProbe = imds.requests.length;
    imds.setIdentity({ instanceType: 't3.large' });

    advance(HOUR - 1);
    expect(await resolver.current()).toBe(first);
    expect(imds.requests.length).toBe(afterFirstProbe);

    advance(1);
    const second = await resolver.current();
    expect(imds.requests.length).toBeGreaterThan(afterFirstProbe);
    expect(second.instanceType).toBe('t3.large');
    expect(second.resolvedAt).toBe(now());
    expect(logs).toHaveLength(1); // same instance: no second announcement
  });

  it('keeps the last good identity when a refresh fails, and retries after failureRetryMs', async () => {
    const imds = await fakeImds();
    const { resolver, logs, advance } = harness({
      endpoint: imds.url,
      refreshMs: HOUR,
      failureRetryMs: 60_000,
    });
    const good = await resolver.current();

    imds.setRejectToken(500);
    advance(HOUR);
    expect(await resolver.current()).toBe(good);
    advance(60_000);
    expect(await resolver.current()).toBe(good);
    const warnings = logs.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.reason)).toContain('HTTP 500');

    imds.setRejectToken(undefined);
    imds.setIdentity({ instanceType: 'm6i.large' });
    advance(60_000);
    expect((await resolver.current()).instanceType).toBe('m6i.large');
    expect(imds.tokenlessGets()).toBe(0);
  });

  it('refresh() probes at once, whatever the schedule', async () => {
    const imds = await fakeImds();
    const { resolver } = harness({ endpoint: imds.url });
    await resolver.current();
    const afterFirstProbe = imds.requests.length;

    imds.setIdentity({ publicIpv4: '198.51.100.7' });
    expect((await resolver.refresh()).publicIpv4).toBe('198.51.100.7');
    expect(imds.requests.length).toBeGreaterThan(afterFirstProbe);
  });
});

describe('identity resolver off EC2', () => {
  it('never falls back to IMDSv1 when the token PUT is refused', async () => {
    const imds = await fakeImds({ rejectTokenStatus: 403 });
    const { resolver, logs } = harness({ endpoint: imds.url });

    const identity = await resolver.current();

    expect(identity.ec2).toBe(false);
    expect(identity.source).toBe('local');
    expect(identity.reason).toBe(
      `IMDS at ${imds.url} did not issue an IMDSv2 token (HTTP 403); IMDSv1 fallback is disabled`,
    );
    expect(imds.requests.length).toBeGreaterThan(0);
    expect(imds.requests.every((r) => r.method === 'PUT')).toBe(true);
    expect(imds.tokenlessGets()).toBe(0);
    expect(logs).toHaveLength(1);
    expect(logs[0]?.level).toBe('info');
  });

  it('never sends a tokenless GET when token PUTs start failing after IMDS let us in', async () => {
    const imds = await fakeImds();
    imds.setRejectToken(403, 1); // the probe gets its token; the PUTs before each metadata GET fail
    const { resolver } = harness({ endpoint: imds.url });

    const identity = await resolver.current();

    expect(identity.ec2).toBe(false);
    expect(identity.reason).toContain('issued a token but reading the instance identity failed');
    expect(imds.requests.filter((r) => r.method === 'PUT' && r.status === 403).length).toBeGreaterThan(0);
    expect(imds.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
    expect(imds.tokenlessGets()).toBe(0);
  });

  it('decides before a 2500 ms guard when IMDS accepts connections but never answers', async () => {
    const imds = await fakeImds({ hang: true });
    const { resolver } = harness({ endpoint: imds.url });
    let guardTimer: NodeJS.Timeout | undefined;
    const guard = new Promise<'guard fired'>((resolve) => {
      guardTimer = setTimeout(() => resolve('guard fired'), 2_500);
    });

    const winner = await Promise.race([resolver.current(), guard]);
    clearTimeout(guardTimer);

    expect(winner).not.toBe('guard fired');
    const identity = resolver.cached();
    expect(identity?.ec2).toBe(false);
    expect(identity?.reason).toBe(`IMDS not reachable at ${imds.url} within 1000ms`);
    expect(imds.tokenlessGets()).toBe(0);
  });

  it('reports ec2 false with a reason when nothing listens at the endpoint', async () => {
    const url = await closedPortUrl();
    const { resolver, logs } = harness({ endpoint: url });

    const identity = await resolver.current();

    expect(identity).toMatchObject({ ec2: false, source: 'local', ...readLocalIdentity() });
    expect(identity.reason).toMatch(new RegExp(`^IMDS not reachable at ${url}: .*ECONNREFUSED`));
    expect(identity.instanceId).toBeUndefined();
    expect(logs).toHaveLength(1);
    expect(JSON.stringify(logs[0])).not.toContain('    at '); // no stack trace
  });

  it('re-probes only at the refresh interval, silently while the verdict stands', async () => {
    const imds = await fakeImds({ rejectTokenStatus: 403 });
    const { resolver, logs, advance } = harness({ endpoint: imds.url, refreshMs: HOUR });
    await resolver.current();
    const afterFirstProbe = imds.requests.length;

    advance(HOUR - 1);
    await resolver.current();
    expect(imds.requests.length).toBe(afterFirstProbe);

    advance(1);
    await resolver.current();
    expect(imds.requests.length).toBeGreaterThan(afterFirstProbe);
    expect(logs).toHaveLength(1);
  });

  it('retries sooner when IMDS issued a token but the identity document failed', async () => {
    const imds = await fakeImds();
    imds.setPathStatus(DOCUMENT_PATH, 500);
    const { resolver, advance } = harness({ endpoint: imds.url, refreshMs: HOUR, failureRetryMs: 60_000 });

    const degraded = await resolver.current();
    expect(degraded.ec2).toBe(false);
    expect(degraded.reason).toContain('issued a token but reading the instance identity failed');
    expect(degraded.reason).toContain('500');

    imds.setPathStatus(DOCUMENT_PATH, undefined);
    advance(60_000);
    expect((await resolver.current()).ec2).toBe(true);
  });

  it('asks nothing when IMDS is disabled', async () => {
    const imds = await fakeImds();
    const { resolver } = harness({ endpoint: imds.url, imdsDisabled: true });

    const identity = await resolver.current();

    expect(identity).toMatchObject({
      ec2: false,
      source: 'local',
      reason: 'IMDS lookup disabled by configuration',
    });
    expect(imds.requests).toHaveLength(0);
  });
});
