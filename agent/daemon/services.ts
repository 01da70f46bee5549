/** Config `services` entries -> runnable service definitions (presets expanded, checks built). */
import type { Config } from '../config/schema.js';
import type { ServiceConfig } from '../config/services-schema.js';
import { expandPreset } from '../probes/presets.js';
import { type CheckSpec, createCheck, type ProbeDeps } from '../probes/registry.js';
import type { ServiceDefinition } from '../probes/service.js';

export function checkSpecsOf(service: ServiceConfig): CheckSpec[] {
  const preset = service.preset
    ? expandPreset({
        preset: service.preset,
        ...(service.port ? { port: service.port } : {}),
        ...(service.url ? { url: service.url } : {}),
        ...(service.unit ? { unit: service.unit } : {}),
      })
    : [];
  const explicit = (service.checks ?? []).map((check) => {
    const [kind, settings] = Object.entries(check).find(([, value]) => value !== undefined) as [
      string,
      unknown,
    ];
    return { [kind]: settings } as CheckSpec;
  });
  return [...preset, ...explicit];
}

export function buildServices(config: Config, deps: ProbeDeps = {}): ServiceDefinition[] {
  return config.services.map((service) => ({
    name: service.name,
    checks: checkSpecsOf(service).map((spec) => createCheck(spec, deps)),
    intervalMs: service.interval,
    timeoutMs: service.timeout,
    failureThreshold: service.failureThreshold,
    successThreshold: service.successThreshold,
    ...(service.degradedLatency ? { degradedLatencyMs: service.degradedLatency } : {}),
  }));
}
