import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** procRoot of a capture under test/fixtures/proc. */
export function procFixture(name: string): string {
  return join(FIXTURES, 'proc', name);
}

/** sysRoot of a capture under test/fixtures/sys. */
export function sysFixture(name: string): string {
  return join(FIXTURES, 'sys', name);
}

export function readProcFixture(name: string, file: string): string {
  return readFileSync(join(procFixture(name), file), 'utf8');
}

/** The capture time of a fixture, to pass as `now`. */
export function capturedAt(name: string): number {
  return Number(readProcFixture(name, 'captured-at-ms').trim());
}

/**
 * A temporary procRoot whose content can be switched between captures, the way /proc changes under
 * a running collector between two cycles.
 */
export class ChangingProcRoot {
  readonly root = mkdtempSync(join(tmpdir(), 'hostwatch-proc-'));

  show(capture: string): void {
    cpSync(procFixture(capture), this.root, { recursive: true });
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
