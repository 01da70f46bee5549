import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A loopback port nobody listens on right now (the OS picks it; tiny race until the caller binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** true when a TCP connect to 127.0.0.1:port succeeds. */
export function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface WaitOptions {
  timeoutMs?: number;
  /** Stop waiting early (e.g. the server process exited); its message becomes the error. */
  failIf?: () => string | undefined;
}

/** Polls until `condition` holds; throws a clear error after `timeoutMs`. */
export async function waitFor(what: string, condition: () => Promise<boolean>, options: WaitOptions = {}) {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (await condition()) return;
    const failure = options.failIf?.();
    if (failure) throw new Error(`${what}: ${failure}`);
    if (Date.now() > deadline)
      throw new Error(`${what}: still not true after ${options.timeoutMs ?? 30_000}ms`);
    await sleep(25);
  }
}

export function waitForPortOpen(port: number, options: WaitOptions = {}) {
  return waitFor(`port ${port} did not open`, () => isPortOpen(port), options);
}

export function waitForPortClosed(port: number, options: WaitOptions = {}) {
  return waitFor(`port ${port} did not close`, async () => !(await isPortOpen(port)), options);
}
