/** Finds, parses and validates the config; every problem names its key path. */
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ConfigError, formatIssues } from './errors.js';
import { type Config, configSchema } from './schema.js';

export const SYSTEM_CONFIG_PATH = '/etc/hostwatch/hostwatch.yaml';

export interface LoadedConfig {
  config: Config;
  /** File path, or "embedded defaults". */
  source: string;
}

export interface ConfigLocation {
  flag?: string;
  env: NodeJS.ProcessEnv;
  systemPath?: string;
}

/** --config, then HOSTWATCH_CONFIG, then /etc/hostwatch/hostwatch.yaml if present, else none. */
export function locateConfig({
  flag,
  env,
  systemPath = SYSTEM_CONFIG_PATH,
}: ConfigLocation): string | undefined {
  if (flag) return flag;
  if (env.HOSTWATCH_CONFIG) return env.HOSTWATCH_CONFIG;
  return existsSync(systemPath) ? systemPath : undefined;
}

export function parseConfigText(text: string, source: string): Config {
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos?.[0]
        ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}`
        : 'unknown position';
      throw new ConfigError(source, [
        `YAML syntax error at ${where}: ${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
      ]);
    }
    throw error;
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(source, ['(top level): expected a mapping of settings (key: value)']);
  }
  const result = configSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw new ConfigError(source, formatIssues(result.error.issues));
  return result.data;
}

export function loadConfig(location: ConfigLocation): LoadedConfig {
  const path = locateConfig(location);
  if (!path) return { config: parseConfigText('{}', 'embedded defaults'), source: 'embedded defaults' };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(path, [`cannot read the config file (${code}); check the path and permissions`]);
  }
  return { config: parseConfigText(text, path), source: path };
}

export interface DataDirLocation {
  flag?: string;
  env: NodeJS.ProcessEnv;
  config: Config;
  cwd: string;
}

/** --data-dir, HOSTWATCH_DATA_DIR, config dataDir, systemd's $STATE_DIRECTORY, else ./data. */
export function resolveDataDir({ flag, env, config, cwd }: DataDirLocation): string {
  const stateDirectory = env.STATE_DIRECTORY?.split(':')[0];
  const chosen = flag ?? env.HOSTWATCH_DATA_DIR ?? config.dataDir ?? stateDirectory ?? 'data';
  return chosen.startsWith('/') ? chosen : `${cwd}/${chosen}`;
}
