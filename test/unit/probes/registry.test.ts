import { describe, expect, it } from 'vitest';
import { expandPreset } from '../../../agent/probes/presets.js';
import {
  buildCheckRegistry,
  type CheckSpec,
  checkRegistry,
  createCheck,
} from '../../../agent/probes/registry.js';

describe('check registry', () => {
  it('has one factory per kind', () => {
    expect([...checkRegistry.keys()].sort()).toEqual(['http', 'process', 'systemd', 'tcp']);
  });

  it('rejects a kind registered twice', () => {
    const factory = { kind: 'tcp' as const, create: () => ({}) as never };
    expect(() => buildCheckRegistry([factory, factory])).toThrow('check kind "tcp" is registered twice');
  });

  it('creates each kind from its config entry', () => {
    const specs: CheckSpec[] = [
      { http: { url: 'http://127.0.0.1:8080/', expectBody: 'OK' } },
      { tcp: { host: '127.0.0.1', port: 8009 } },
      { systemd: { unit: 'nginx.service' } },
      { process: { match: 'org.apache.catalina.startup.Bootstrap' } },
    ];
    expect(specs.map((spec) => createCheck(spec)).map((c) => [c.kind, c.target])).toEqual([
      ['http', 'http://127.0.0.1:8080/'],
      ['tcp', '127.0.0.1:8009'],
      ['systemd', 'nginx.service'],
      ['process', 'org.apache.catalina.startup.Bootstrap'],
    ]);
  });

  it('says what is wrong with a malformed entry', () => {
    expect(() => createCheck({} as CheckSpec)).toThrow(
      'a check must have exactly one kind (http, tcp, systemd, process), got: none',
    );
    expect(() =>
      createCheck({ tcp: { host: 'a', port: 1 }, process: { match: 'x' } } as unknown as CheckSpec),
    ).toThrow('got: tcp, process');
    expect(() => createCheck({ ping: { host: 'a' } } as unknown as CheckSpec)).toThrow(
      'unknown check kind "ping"',
    );
    expect(() => createCheck({ tcp: { host: '127.0.0.1', port: 70000 } })).toThrow(
      'expected a port between 1 and 65535',
    );
  });
});

describe('presets', () => {
  it('nginx: front page, unit and master process', () => {
    expect(expandPreset({ preset: 'nginx', port: 8081 })).toEqual([
      { http: { url: 'http://127.0.0.1:8081/' } },
      { systemd: { unit: 'nginx.service' } },
      { process: { match: 'nginx: master process' } },
    ]);
  });

  it('tomcat: defaults to port 8080, Debian 12 unit name, the Bootstrap main class', () => {
    expect(expandPreset({ preset: 'tomcat' })).toEqual([
      { http: { url: 'http://127.0.0.1:8080/' } },
      { systemd: { unit: 'tomcat10.service' } },
      { process: { match: 'org.apache.catalina.startup.Bootstrap' } },
    ]);
  });

  it('takes a URL and unit override, and rejects unknown presets', () => {
    expect(expandPreset({ preset: 'tomcat', url: 'http://127.0.0.1:8080/health', unit: 'tomcat9' })).toEqual([
      { http: { url: 'http://127.0.0.1:8080/health' } },
      { systemd: { unit: 'tomcat9' } },
      { process: { match: 'org.apache.catalina.startup.Bootstrap' } },
    ]);
    expect(() => expandPreset({ preset: 'apache' as 'nginx' })).toThrow(
      'unknown preset "apache"; expected one of nginx, tomcat',
    );
  });
});
