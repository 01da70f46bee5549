import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../agent/config/errors.js';
import { locateConfig, parseConfigText, resolveDataDir } from '../../../agent/config/load.js';

function problems(yaml: string): string[] {
  try {
    parseConfigText(yaml, 'test.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`config was accepted: ${yaml}`);
}

const broken: Array<[string, string]> = [
  ['metrics: { interval: 10 }', 'metrics.interval: expected a duration such as "10s", "5m" or "1h", got 10'],
  ['metrics: { interval: "0.5s" }', 'metrics.interval: must be at least 1s, got "0.5s"'],
  [
    'metrics: { interval: ten }',
    'metrics.interval: expected a duration such as "10s", "5m" or "1h", got "ten"',
  ],
  ['metrics: { intervall: 10s }', 'metrics.intervall: unknown key'],
  ['metrics: { retention: { raw: 10m } }', 'metrics.retention.raw: must be at least 1h, got "10m"'],
  [
    'services: [{ name: web, checks: [{ http: { url: localhost } }] }]',
    'services[0].checks[0].http.url: expected an http(s) URL, got "localhost"',
  ],
  [
    'services: [{ name: web, checks: [{ htp: { url: "http://x" } }] }]',
    'services[0].checks[0].htp: unknown key\nservices[0].checks[0]: expected exactly one of http, tcp, systemd or process, got none',
  ],
  [
    'services: [{ name: web }]',
    'services[0].checks: expected at least one check (http, tcp, systemd, process) or a preset',
  ],
  [
    'services: [{ name: web, checks: [{ tcp: { host: x, port: 70000 } }] }]',
    'services[0].checks[0].tcp.port: expected a whole number from 1 to 65535, got 70000',
  ],
  [
    'services: [{ name: web, checks: [{ tcp: { host: x, port: 1 }, process: { match: x } }] }]',
    'services[0].checks[0]: expected exactly one of http, tcp, systemd or process, got tcp and process',
  ],
  [
    'services: [{ name: web, timeout: 40s, checks: [{ tcp: { host: x, port: 1 } }] }]',
    'services[0].timeout: must be shorter than the service interval',
  ],
  [
    'services: [{ name: host, checks: [{ tcp: { host: x, port: 1 } }] }]',
    'services[0].name: "host" is built in and always monitored; pick another name',
  ],
  [
    'services: [{ name: a, checks: [{ tcp: { host: x, port: 1 } }] }, { name: a, checks: [{ tcp: { host: x, port: 1 } }] }]',
    'services[1].name: duplicate service name "a"',
  ],
  [
    'services: [{ name: web, preset: apache, port: 80 }]',
    'services[0].preset: expected nginx or tomcat, got "apache"',
  ],
  ['services: { name: web }', 'services: expected a list, got a mapping'],
  [
    'timezone: Mars/Olympus',
    'timezone: expected an IANA time zone such as "Europe/Berlin" or "UTC", got "Mars/Olympus"',
  ],
  ['slo: { target: 100 }', 'slo.target: expected a percentage above 0 and below 100, got 100'],
  ['slo: { target: "99.9%" }', 'slo.target: expected a percentage such as 99.9, got "99.9%"'],
  [
    'maintenance: [{ name: p, cron: "0 2 * *", duration: 1h }]',
    'maintenance[0].cron: expected a 5-field cron expression (minute hour day month weekday) such as "0 2 * * 0", got "0 2 * *"',
  ],
  [
    'maintenance: [{ name: p, duration: 1h }]',
    'maintenance[0]: expected exactly one of cron (recurring) or start (one-off)',
  ],
  [
    'maintenance: [{ name: p, cron: "0 2 * * 0", duration: 1h, services: [nginx] }]',
    'maintenance[0].services[0]: unknown service "nginx"; configured: host',
  ],
  ['discord: { guilds: [123] }', 'discord.guilds[0]: expected a Discord id in quotes (digits), got 123'],
  ['discord: { apiBase: "ftp://x" }', 'discord.apiBase: expected an http(s) URL, got "ftp://x"'],
  ['cloudwatch: { enabled: maybe }', 'cloudwatch.enabled: expected auto, true or false, got "maybe"'],
  ['cloudwatch: { resolution: 5 }', 'cloudwatch.resolution: expected 1, 10, 30 or 60, got 5'],
  [
    'alerting: { sns: { topicArn: "arn:foo" } }',
    'alerting.sns.topicArn: expected an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME), got "arn:foo"',
  ],
  [
    'alerting: { rules: [{ name: cpu, metric: cpu_usage_active, op: "=>", threshold: 90 }] }',
    'alerting.rules[0].op: expected one of > >= < <=, got "=>"',
  ],
  ['log: { level: verbose }', 'log.level: expected debug, info, warn or error, got "verbose"'],
  [
    'foo: [',
    'YAML syntax error at line 1, column 7: Flow sequence in block collection must be sufficiently indented and end with a ]',
  ],
  ['- 1', '(top level): expected a mapping of settings (key: value)'],
];

describe('config validation', () => {
  it.each(broken)('%s', (yaml, expected) => {
    expect(problems(yaml).join('\n')).toBe(expected);
  });

  it('reports every problem, not just the first', () => {
    expect(problems('timezone: Nowhere\nmetrics: { interval: 1 }')).toHaveLength(2);
  });

  it('fills the documented defaults from an empty file', () => {
    const config = parseConfigText('', 'empty.yaml');
    expect(config.timezone).toBe('UTC');
    expect(config.metrics.interval).toBe(10_000);
    expect(config.metrics.retention).toEqual({
      raw: 7 * 86_400_000,
      minute: 90 * 86_400_000,
      hour: 730 * 86_400_000,
    });
    expect(config.slo.target).toBe(99.9);
    expect(config.cloudwatch).toMatchObject({
      enabled: 'auto',
      namespace: 'Hostwatch',
      flushInterval: 60_000,
    });
    expect(config.alerting.repeatInterval).toBe(4 * 3_600_000);
    expect(config.discord.apiBase).toBe('https://discord.com/api');
    expect(config.discord.report.cron).toBe('0 9 * * 1');
  });

  it('accepts the contract keys of DESIGN.md', () => {
    const config = parseConfigText(
      `
host: { name: web-1 }
timezone: Europe/Berlin
dataDir: /var/lib/hostwatch
metrics: { interval: 10s, retention: { raw: 7d, minute: 90d, hour: 2y } }
services:
  - name: nginx
    interval: 30s
    timeout: 5s
    failureThreshold: 3
    successThreshold: 2
    checks:
      - http: { url: "http://127.0.0.1:80/", expectStatus: [200, 301, 302] }
      - systemd: { unit: nginx.service }
  - name: tomcat
    checks:
      - http: { url: "http://127.0.0.1:8080/", expectBody: "OK" }
      - tcp: { host: 127.0.0.1, port: 8009 }
      - process: { match: "org.apache.catalina.startup.Bootstrap" }
nginx: { accessLog: /var/log/nginx/access.log, stubStatus: "http://127.0.0.1/nginx_status" }
tomcat: { manager: { url: "http://127.0.0.1:8080/manager/status?XML=true" } }
slo: { target: 99.9 }
maintenance:
  - { name: weekly patching, cron: "0 2 * * 0", duration: 1h, services: [nginx, tomcat] }
cloudwatch: { enabled: auto, namespace: Hostwatch, flushInterval: 60s }
alerting: { sns: { topicArn: "arn:aws:sns:eu-central-1:123456789012:oncall" }, repeatInterval: 4h, rules: [] }
discord:
  enabled: auto
  guilds: ["123456789012345678"]
  channels: ["123456789012345679"]
  onCallRole: "123456789012345680"
  apiBase: https://discord.com/api
  report: { channel: "123456789012345679", cron: "0 9 * * 1" }
`,
      'contract.yaml',
    );
    expect(config.services.map((s) => s.name)).toEqual(['nginx', 'tomcat']);
    expect(config.services[0]?.interval).toBe(30_000);
    expect(config.maintenance[0]?.duration).toBe(3_600_000);
    expect(config.metrics.retention.hour).toBe(730 * 86_400_000);
  });
});

describe('config and data directory location', () => {
  const systemPath = '/nonexistent/hostwatch.yaml';
  it('prefers --config, then HOSTWATCH_CONFIG, then the system path if present', () => {
    expect(locateConfig({ flag: 'a.yaml', env: { HOSTWATCH_CONFIG: 'b.yaml' }, systemPath })).toBe('a.yaml');
    expect(locateConfig({ env: { HOSTWATCH_CONFIG: 'b.yaml' }, systemPath })).toBe('b.yaml');
    expect(locateConfig({ env: {}, systemPath })).toBeUndefined();
  });

  it('resolves the data directory: flag, env, config, STATE_DIRECTORY, ./data', () => {
    const config = parseConfigText('', 'x');
    const withDir = parseConfigText('dataDir: /srv/hw', 'x');
    const cwd = '/home/u/hostwatch';
    expect(resolveDataDir({ flag: '/f', env: { HOSTWATCH_DATA_DIR: '/e' }, config: withDir, cwd })).toBe(
      '/f',
    );
    expect(
      resolveDataDir({ env: { HOSTWATCH_DATA_DIR: '/e', STATE_DIRECTORY: '/s' }, config: withDir, cwd }),
    ).toBe('/e');
    expect(resolveDataDir({ env: { STATE_DIRECTORY: '/s' }, config: withDir, cwd })).toBe('/srv/hw');
    expect(resolveDataDir({ env: { STATE_DIRECTORY: '/var/lib/hostwatch:/other' }, config, cwd })).toBe(
      '/var/lib/hostwatch',
    );
    expect(resolveDataDir({ env: {}, config, cwd })).toBe('/home/u/hostwatch/data');
  });
});
