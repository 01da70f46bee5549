import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { abortDetail, type Check, type CheckOutcome, errorMessage } from './types.js';

export interface HttpCheckSpec {
  url: string;
  /** Accepted status codes; default: any 2xx or 3xx. Redirects are not followed: a 301 is the answer. */
  expectStatus?: readonly number[];
  /** A substring the body (first `maxBodyBytes`) must contain. */
  expectBody?: string;
  /** Accept self-signed or otherwise untrusted certificates (the expiry is still reported). */
  insecure?: boolean;
}

export interface HttpCheckDeps {
  /** Wall clock for certificate expiry. */
  now?: () => number;
  /** Latency clock; monotonic by default. */
  monotonicNow?: () => number;
  /** How much of the body is read to look for `expectBody`. */
  maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const DAY_MS = 86_400_000;

interface RawResponse {
  status: number;
  body: string;
  certValidTo?: string;
}

export function createHttpCheck(spec: HttpCheckSpec, deps: HttpCheckDeps = {}): Check {
  const url = URL.canParse(spec.url) ? new URL(spec.url) : undefined;
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new Error(`http check: expected an http(s) URL, got "${spec.url}"`);
  }
  const now = deps.now ?? Date.now;
  const monotonicNow = deps.monotonicNow ?? (() => performance.now());
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const statusAccepted = (status: number) =>
    spec.expectStatus ? spec.expectStatus.includes(status) : status >= 200 && status < 400;

  return {
    kind: 'http',
    target: spec.url,
    async run(signal) {
      const started = monotonicNow();
      let response: RawResponse;
      try {
        response = await request(url, { insecure: spec.insecure === true, maxBodyBytes, signal });
      } catch (error) {
        return { ok: false, detail: signal.aborted ? abortDetail(signal) : describeRequestError(error) };
      }
      const latencyMs = Math.round(monotonicNow() - started);
      const outcome: CheckOutcome = {
        ok: true,
        latencyMs,
        detail: `HTTP ${response.status} in ${latencyMs}ms`,
      };
      if (response.certValidTo !== undefined) {
        const expiresAt = Date.parse(response.certValidTo);
        if (Number.isFinite(expiresAt)) outcome.certDaysLeft = Math.floor((expiresAt - now()) / DAY_MS);
      }
      if (!statusAccepted(response.status)) {
        const expected = spec.expectStatus ? spec.expectStatus.join(', ') : '2xx or 3xx';
        return { ...outcome, ok: false, detail: `HTTP ${response.status}, expected ${expected}` };
      }
      if (spec.expectBody !== undefined && !response.body.includes(spec.expectBody)) {
        return {
          ...outcome,
          ok: false,
          detail: `HTTP ${response.status}, body does not contain "${spec.expectBody}"`,
        };
      }
      return outcome;
    },
  };
}

/** Node's messages already read well ("connect ECONNREFUSED 127.0.0.1:80"); TLS errors get a prefix. */
function describeRequestError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const message = errorMessage(error);
  const tlsProblem = /CERT|SELF_SIGNED|TLS|SSL|HOSTNAME|ALTNAME/.test(code);
  // Node 24 appends advice meant for developers ("; if the root CA is installed locally, try running
  // Node.js with --use-system-ca"); pages and answers keep the cause alone, the same on every Node.
  return tlsProblem ? `TLS: ${message.replace(/; if the root CA is installed locally.*$/, '')}` : message;
}

function request(
  url: URL,
  options: { insecure: boolean; maxBodyBytes: number; signal: AbortSignal },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    // A fresh connection per probe (agent: false): measures connect + TLS and leaves no idle sockets behind.
    const req = transport.request(url, {
      method: 'GET',
      agent: false,
      signal: options.signal,
      rejectUnauthorized: !options.insecure,
      headers: { 'user-agent': 'hostwatch-probe', accept: '*/*', connection: 'close' },
    });
    req.once('error', reject);
    req.once('response', (res) => {
      const socket = res.socket as TLSSocket;
      const certValidTo =
        typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate().valid_to : undefined;
      const chunks: Buffer[] = [];
      let received = 0;
      const finish = () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), certValidTo });
      };
      res.on('data', (chunk: Buffer) => {
        const room = options.maxBodyBytes - received;
        chunks.push(room < chunk.length ? chunk.subarray(0, room) : chunk);
        received += Math.min(room, chunk.length);
        if (received >= options.maxBodyBytes) {
          finish();
          req.destroy();
        }
      });
      res.once('end', finish);
      res.once('error', reject);
    });
    req.end();
  });
}
