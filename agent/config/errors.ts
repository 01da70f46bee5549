import type { z } from 'zod';

/** sysexits.h EX_CONFIG: the process exits with it when the config is unusable. */
export const EX_CONFIG = 78;

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`invalid config (${source}):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** `services[1].checks[0].http.url` from ['services', 1, 'checks', 0, 'http', 'url']. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out || '(top level)';
}

/** One line per problem: `key.path: what was expected, got what`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) lines.push(`${formatPath([...issue.path, key])}: unknown key`);
      continue;
    }
    if (
      issue.code === 'invalid_union' &&
      issue.errors.length > 0 &&
      issue.message.startsWith('Invalid input')
    ) {
      // Union of objects whose keys did not match: report the closest branch's complaints.
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      lines.push(...formatIssues(best.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }))));
      continue;
    }
    lines.push(`${formatPath(issue.path)}: ${issue.message}`);
  }
  return [...new Set(lines)];
}
