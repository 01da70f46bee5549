import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpCheck } from '../../agent/probes/http.js';
import { runServiceChecks } from '../../agent/probes/service.js';
import { makeSelfSignedCert } from '../helpers/self-signed-cert.js';

const DAY_MS = 86_400_000;
const servers: Array<http.Server | net.Server> = [];
const sockets = new Set<net.Socket>();

function listen<T extends http.Server | net.Server>(server: T): Promise<number> {
  servers.push(server);
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('https', () => {
  let url = '';
  let validTo = 0;

  beforeAll(async () => {
    const { key, cert } = await makeSelfSignedCert(30);
    validTo = Date.parse(new X509Certificate(cert).validTo);
    const server = https.createServer({ key, cert }, (_req, res) => res.end('secure OK'));
    url = `https://127.0.0.1:${await listen(server)}/`;
  });

  it('reports the days until the certificate expires when told to accept a self-signed one', async () => {
    const outcome = await createHttpCheck({ url, insecure: true, expectBody: 'secure OK' }).run(
      AbortSignal.timeout(5000),
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.certDaysLeft).toBe(Math.floor((validTo - Date.now()) / DAY_MS));
    expect(outcome.certDaysLeft).toBeGreaterThanOrEqual(29);
    expect(outcome.certDaysLeft).toBeLessThanOrEqual(30);
  });

  it('counts days from the injected clock', async () => {
    const now = () => validTo - 3 * DAY_MS - 1000;
    const outcome = await createHttpCheck({ url, insecure: true }, { now }).run(AbortSignal.timeout(5000));
    expect(outcome.certDaysLeft).toBe(3);
    const expired = await createHttpCheck({ url, insecure: true }, { now: () => validTo + DAY_MS + 1 }).run(
      AbortSignal.timeout(5000),
    );
    expect(expired.certDaysLeft).toBe(-2);
  });

  it('fails an untrusted certificate unless insecure', async () => {
    const outcome = await createHttpCheck({ url }).run(AbortSignal.timeout(5000));
    expect(outcome).toEqual({ ok: false, detail: 'TLS: self-signed certificate' });
  });
});

describe('http edge cases', () => {
  it('reads at most 64 KB of a large body', async () => {
    let written = 0;
    const server = http.createServer((_req, res) => {
      // A 10 MB answer with the marker at the very end: never reached.
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const write = () => {
        while (written < 10 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', write);
        }
        res.end('MARKER');
      };
      write();
    });
    const port = await listen(server);
    const check = createHttpCheck({ url: `http://127.0.0.1:${port}/`, expectBody: 'MARKER' });
    const outcome = await check.run(AbortSignal.timeout(5000));
    expect(outcome).toMatchObject({ ok: false, detail: 'HTTP 200, body does not contain "MARKER"' });
    const tiny = createHttpCheck(
      { url: `http://127.0.0.1:${port}/`, expectBody: 'aaaa' },
      { maxBodyBytes: 10 },
    );
    expect((await tiny.run(AbortSignal.timeout(5000))).ok).toBe(true);
  });

  it('a server that accepts but never answers times out through the service timeout', async () => {
    const blackHole = net.createServer(() => {});
    const port = await listen(blackHole);
    const check = createHttpCheck({ url: `http://127.0.0.1:${port}/` });
    const observation = await runServiceChecks([check], 200);
    expect(observation).toMatchObject({ status: 'failed', detail: 'http: timed out after 200ms' });
  });

  it('rejects a URL that is not http(s)', () => {
    expect(() => createHttpCheck({ url: 'ftp://127.0.0.1/' })).toThrow(
      'expected an http(s) URL, got "ftp://127.0.0.1/"',
    );
    expect(() => createHttpCheck({ url: 'localhost' })).toThrow('expected an http(s) URL, got "localhost"');
  });
});
