/**
 * Memory of another Node process after a full garbage collection, through its inspector (`--inspect=127.0.0.1:0`):
 * RSS alone swings by tens of MiB with V8's lazy collection, which would drown a figure of a few MiB.
 */
import type { ChildProcess } from 'node:child_process';
import { WebSocket } from 'ws';

export interface MemoryAfterGc {
  rssBytes: number;
  heapUsedBytes: number;
}

/** The inspector's WebSocket URL, from the "Debugger listening on ws://..." line on the child's stderr. */
export function inspectorUrl(child: ChildProcess, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`no inspector URL within ${timeoutMs}ms: ${seen}`)),
      timeoutMs,
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /Debugger listening on (ws:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
  });
}

export async function memoryAfterGc(url: string): Promise<MemoryAfterGc> {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let id = 0;
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const mine = ++id;
      const onMessage = (raw: Buffer) => {
        const reply = JSON.parse(raw.toString()) as { id?: number; result?: Record<string, unknown> };
        if (reply.id !== mine) return;
        socket.off('message', onMessage);
        resolve(reply.result ?? {});
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id: mine, method, params }));
    });
  try {
    // Twice: the first pass can leave objects whose finalizers free more.
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const result = await call('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    });
    const usage = JSON.parse((result.result as { value: string }).value) as { rss: number; heapUsed: number };
    return { rssBytes: usage.rss, heapUsedBytes: usage.heapUsed };
  } finally {
    socket.close();
  }
}
