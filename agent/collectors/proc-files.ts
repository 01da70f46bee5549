import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const DEFAULT_PROC_ROOT = '/proc';
export const DEFAULT_SYS_ROOT = '/sys';

/** Reads a file below a /proc (or /sys) root, e.g. readRootFile('/proc', 'net/dev'). */
export function readRootFile(root: string, relativePath: string): Promise<string> {
  return readFile(join(root, relativePath), 'utf8');
}
