import type { CheckSpec } from './registry.js';

export type PresetName = 'nginx' | 'tomcat';

export interface PresetOptions {
  preset: PresetName;
  /** Port of the local HTTP listener; ignored when `url` is given. */
  port?: number;
  /** Full URL to probe instead of http://127.0.0.1:<port>/. */
  url?: string;
  /** systemd unit, when the distribution names it differently. */
  unit?: string;
}

interface Preset {
  defaultPort: number;
  unit: string;
  /** A command-line substring only the real server process has. */
  processMatch: string;
}

const PRESETS: Record<PresetName, Preset> = {
  // Debian/Ubuntu/Amazon Linux: nginx rewrites its argv to "nginx: master process /usr/sbin/nginx ...".
  nginx: { defaultPort: 80, unit: 'nginx.service', processMatch: 'nginx: master process' },
  // Tomcat's JVM main class, whatever the package calls the unit (Debian 12: tomcat10).
  tomcat: {
    defaultPort: 8080,
    unit: 'tomcat10.service',
    processMatch: 'org.apache.catalina.startup.Bootstrap',
  },
};

export const presetNames = Object.keys(PRESETS) as PresetName[];

/**
 * The checks behind `{ name: nginx, preset: nginx, port: 8081 }`: the HTTP front page answers 2xx/3xx, the
 * systemd unit is active (unknown, and so ignored, on hosts without systemd) and the server process runs.
 */
export function expandPreset(options: PresetOptions): CheckSpec[] {
  const preset = PRESETS[options.preset];
  if (!preset)
    throw new Error(`unknown preset "${options.preset}"; expected one of ${presetNames.join(', ')}`);
  const url = options.url ?? `http://127.0.0.1:${options.port ?? preset.defaultPort}/`;
  return [
    { http: { url } },
    { systemd: { unit: options.unit ?? preset.unit } },
    { process: { match: preset.processMatch } },
  ];
}
