import net from 'node:net';
import { abortDetail, type Check, errorMessage } from './types.js';

export interface TcpCheckSpec {
  host: string;
  port: number;
}

export interface TcpCheckDeps {
  monotonicNow?: () => number;
}

/** Passes when a TCP connection to host:port is accepted; the connection is closed at once. */
export function createTcpCheck(spec: TcpCheckSpec, deps: TcpCheckDeps = {}): Check {
  if (!Number.isInteger(spec.port) || spec.port < 1 || spec.port > 65535) {
    throw new Error(`tcp check: expected a port between 1 and 65535, got ${spec.port}`);
  }
  const monotonicNow = deps.monotonicNow ?? (() => performance.now());
  const target = `${spec.host}:${spec.port}`;
  return {
    kind: 'tcp',
    target,
    run(signal) {
      const started = monotonicNow();
      return new Promise((resolve) => {
        if (signal.aborted) {
          resolve({ ok: false, detail: abortDetail(signal) });
          return;
        }
        const socket = net.connect({ host: spec.host, port: spec.port });
        const onAbort = () => {
          socket.destroy();
          resolve({ ok: false, detail: abortDetail(signal) });
        };
        signal.addEventListener('abort', onAbort, { once: true });
        socket.once('connect', () => {
          signal.removeEventListener('abort', onAbort);
          const latencyMs = Math.round(monotonicNow() - started);
          socket.destroy();
          resolve({ ok: true, latencyMs, detail: `connected to ${target} in ${latencyMs}ms` });
        });
        socket.once('error', (error) => {
          signal.removeEventListener('abort', onAbort);
          resolve({ ok: false, detail: errorMessage(error) });
        });
      });
    },
  };
}
