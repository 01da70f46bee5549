/**
 * Which far-side features run, and why not. Every part that is off says so once, in plain words,
 * so a new user knows what to set (and an on-call engineer knows nothing is silently dropped).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where a secret may come from: an environment variable or a systemd credential file. */
export function secretAvailable(env: NodeJS.ProcessEnv, envName: string, credentialName: string): boolean {
  if (env[envName]) return true;
  const dir = env.CREDENTIALS_DIRECTORY;
  return dir !== undefined && existsSync(join(dir, credentialName));
}
