import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, pragmaValue } from '../../agent/store/db.js';
import { startDaemon, tempDir } from '../helpers/cli.js';

function sampleCount(dbPath: string): number {
  const db = openDatabase(dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('kill -9 at any moment', () => {
  it('leaves an intact database and a daemon that resumes', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const config = join(dir, 'hostwatch.yaml');
    writeFileSync(config, 'metrics: { interval: 1s }\nlog: { level: debug }\n');
    const dbPath = join(dataDir, 'hostwatch.db');
    let previous = 0;
    for (let round = 0; round < 6; round++) {
      const daemon = startDaemon(['--config', config, '--data-dir', dataDir]);
      // Let it write at least one cycle, then kill it at a varying point of the next one.
      await daemon.waitForLog(() => daemon.logs.filter((l) => l.msg === 'cycle').length >= 1);
      await new Promise((resolve) => setTimeout(resolve, 150 + round * 170));
      daemon.proc.kill('SIGKILL');
      await daemon.exited;

      const db = openDatabase(dbPath);
      expect(pragmaValue(db, 'integrity_check')).toBe('ok');
      db.close();
      const count = sampleCount(dbPath);
      expect(count).toBeGreaterThan(previous); // every round committed new cycles
      previous = count;
    }
    // After the last kill the stale pid file must not stop a fresh start.
    const last = startDaemon(['--config', config, '--data-dir', dataDir]);
    await last.waitForLog((l) => l.msg === 'cycle');
    expect(await last.stop()).toBe(0);
  });
});
