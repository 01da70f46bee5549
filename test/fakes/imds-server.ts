/**
 * A fake EC2 Instance Metadata Service that speaks IMDSv2 only, on 127.0.0.1 and a random port.
 *
 *   const imds = await startFakeImds({ identity: { publicIpv4: null } });
 *   // point the real SDK client at it: endpoint option, or
 *   // AWS_EC2_METADATA_SERVICE_ENDPOINT=imds.url for a child process
 *   ...
 *   expect(imds.tokenlessGets()).toBe(0);
 *   await imds.close();
 *
 * Behaviour (as the real service with "HttpTokens: required"):
 * - PUT /latest/api/token needs `X-aws-ec2-metadata-token-ttl-seconds` (1..21600), else 400;
 *   answers a fresh token as text/plain.
 * - GET of a known path needs `X-aws-ec2-metadata-token` carrying an issued token, else 401.
 * - Unknown paths answer 404 (with or without a token; 401 wins when the token is missing).
 *   Paths are matched exactly: `//latest/...` is unknown, as a strict proxy would treat it.
 * - Served paths: /latest/dynamic/instance-identity/document and /latest/meta-data/{instance-id,
 *   instance-type, ami-id, placement/region, placement/availability-zone, local-ipv4, public-ipv4,
 *   local-hostname, hostname}. `publicIpv4: null` makes public-ipv4 a 404 (instance without one).
 *
 * Failure switches (also settable while running):
 * - setHang(true): every request is accepted and never answered (tests timeouts).
 * - setRejectToken(403): the token PUT is refused with that status (tests that nothing falls
 *   back to IMDSv1: count `tokenlessGets()`). setRejectToken(403, 1) issues one more token first,
 *   then refuses: the client got in, and its later token PUTs fail.
 * - setPathStatus(path, 500): that GET path answers the given status instead of its content.
 * - setIdentity({...}): change what the instance reports (tests refresh).
 *
 * `requests` records every request in arrival order: method, path, hadToken (header present),
 * and the status sent (undefined while hanging).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback-server.js';

export interface FakeImdsIdentity {
  accountId: string;
  instanceId: string;
  instanceType: string;
  amiId: string;
  region: string;
  availabilityZone: string;
  privateIpv4: string;
  /** null: the instance has no public address; /latest/meta-data/public-ipv4 answers 404. */
  publicIpv4: string | null;
  localHostname: string;
}

export const defaultFakeImdsIdentity: FakeImdsIdentity = {
  accountId: '123456789012',
  instanceId: 'i-0123456789abcdef0',
  instanceType: 't3.small',
  amiId: 'ami-0abcdef1234567890',
  region: 'eu-central-1',
  availabilityZone: 'eu-central-1a',
  privateIpv4: '10.0.1.23',
  publicIpv4: '203.0.113.10',
  localHostname: 'ip-10-0-1-23.eu-central-1.compute.internal',
};

export interface FakeImdsOptions {
  identity?: Partial<FakeImdsIdentity>;
  hang?: boolean;
  /** Status for the token PUT (e.g. 403); undefined issues tokens normally. */
  rejectTokenStatus?: number;
}

export interface FakeImdsRequest {
  method: string;
  path: string;
  hadToken: boolean;
  status?: number;
}

export interface FakeImds {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  requests: FakeImdsRequest[];
  /** GET requests that arrived without a token header: must stay 0 for an IMDSv2-only client. */
  tokenlessGets(): number;
  setHang(hang: boolean): void;
  /** Refuse token PUTs with `status` once `afterTokens` more tokens were issued (default 0). */
  setRejectToken(status: number | undefined, afterTokens?: number): void;
  setPathStatus(path: string, status: number | undefined): void;
  setIdentity(identity: Partial<FakeImdsIdentity>): void;
  close(): Promise<void>;
}

const TOKEN_PATH = '/latest/api/token';
const TTL_HEADER = 'x-aws-ec2-metadata-token-ttl-seconds';
const TOKEN_HEADER = 'x-aws-ec2-metadata-token';
const MAX_TTL_SECONDS = 21_600;

function identityDocument(id: FakeImdsIdentity): string {
  // Field set and layout of the real document (pretty-printed JSON served as text/plain).
  return JSON.stringify(
    {
      accountId: id.accountId,
      architecture: 'x86_64',
      availabilityZone: id.availabilityZone,
      billingProducts: null,
      devpayProductCodes: null,
      marketplaceProductCodes: null,
      imageId: id.amiId,
      instanceId: id.instanceId,
      instanceType: id.instanceType,
      kernelId: null,
      pendingTime: '2024-01-01T00:00:00Z',
      privateIp: id.privateIpv4,
      ramdiskId: null,
      region: id.region,
      version: '2017-09-30',
    },
    null,
    2,
  );
}

function metadataPaths(id: FakeImdsIdentity): Map<string, string | null> {
  return new Map<string, string | null>([
    ['/latest/dynamic/instance-identity/document', identityDocument(id)],
    ['/latest/meta-data/instance-id', id.instanceId],
    ['/latest/meta-data/instance-type', id.instanceType],
    ['/latest/meta-data/ami-id', id.amiId],
    ['/latest/meta-data/placement/region', id.region],
    ['/latest/meta-data/placement/availability-zone', id.availabilityZone],
    ['/latest/meta-data/local-ipv4', id.privateIpv4],
    ['/latest/meta-data/public-ipv4', id.publicIpv4],
    ['/latest/meta-data/local-hostname', id.localHostname],
    ['/latest/meta-data/hostname', id.localHostname],
  ]);
}

export async function startFakeImds(options: FakeImdsOptions = {}): Promise<FakeImds> {
  let identity: FakeImdsIdentity = { ...defaultFakeImdsIdentity, ...options.identity };
  let hang = options.hang ?? false;
  let rejectTokenStatus = options.rejectTokenStatus;
  let tokensBeforeReject = 0;
  const pathStatus = new Map<string, number>();
  const tokens = new Set<string>();
  const requests: FakeImdsRequest[] = [];

  const send = (res: ServerResponse, entry: FakeImdsRequest, status: number, body = '') => {
    entry.status = status;
    res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '';
    const tokenHeader = req.headers[TOKEN_HEADER];
    const entry: FakeImdsRequest = { method: req.method ?? '', path, hadToken: tokenHeader !== undefined };
    requests.push(entry);
    if (hang) return; // accepted, never answered; close() tears the socket down

    if (path === TOKEN_PATH) {
      if (req.method !== 'PUT') return send(res, entry, 405);
      if (rejectTokenStatus !== undefined && tokensBeforeReject === 0)
        return send(res, entry, rejectTokenStatus);
      const ttl = Number(req.headers[TTL_HEADER]);
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS) return send(res, entry, 400);
      if (tokensBeforeReject > 0) tokensBeforeReject -= 1;
      const token = randomUUID();
      tokens.add(token);
      return send(res, entry, 200, token);
    }
    if (req.method !== 'GET') return send(res, entry, 405);
    if (typeof tokenHeader !== 'string' || !tokens.has(tokenHeader)) return send(res, entry, 401);
    const forced = pathStatus.get(path);
    if (forced !== undefined) return send(res, entry, forced);
    const content = metadataPaths(identity).get(path);
    if (content === undefined || content === null) return send(res, entry, 404);
    return send(res, entry, 200, content);
  };

  const server = createServer((req, res) => {
    // Drain any body first so keep-alive connections stay usable.
    req.resume();
    req.on('end', () => handle(req, res));
  });
  const listener = await listenOnLoopback(server);

  return {
    url: listener.url,
    requests,
    tokenlessGets: () => requests.filter((r) => r.method === 'GET' && !r.hadToken).length,
    setHang: (value) => {
      hang = value;
    },
    setRejectToken: (status, afterTokens = 0) => {
      rejectTokenStatus = status;
      tokensBeforeReject = afterTokens;
    },
    setPathStatus: (path, status) => {
      if (status === undefined) pathStatus.delete(path);
      else pathStatus.set(path, status);
    },
    setIdentity: (next) => {
      identity = { ...identity, ...next };
    },
    close: listener.close,
  };
}
