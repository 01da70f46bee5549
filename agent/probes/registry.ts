import { createHttpCheck, type HttpCheckDeps, type HttpCheckSpec } from './http.js';
import { createProcessCheck, type ProcessCheckDeps, type ProcessCheckSpec } from './process.js';
import { createSystemdCheck, type SystemdCheckDeps, type SystemdCheckSpec } from './systemd.js';
import { createTcpCheck, type TcpCheckDeps, type TcpCheckSpec } from './tcp.js';
import type { Check, CheckKind } from './types.js';

/** The spec each kind takes, as written in the config under that kind's key. */
export interface CheckSpecsByKind {
  http: HttpCheckSpec;
  tcp: TcpCheckSpec;
  systemd: SystemdCheckSpec;
  process: ProcessCheckSpec;
}

/** One config entry: exactly one key naming the kind, e.g. `{ tcp: { host: '127.0.0.1', port: 8009 } }`. */
export type CheckSpec = { [K in CheckKind]: { [P in K]: CheckSpecsByKind[K] } }[CheckKind];

/** Everything any check may need injected; each factory takes its part. */
export type ProbeDeps = HttpCheckDeps & TcpCheckDeps & SystemdCheckDeps & ProcessCheckDeps;

export interface CheckFactory<K extends CheckKind = CheckKind> {
  readonly kind: K;
  create(spec: CheckSpecsByKind[K], deps: ProbeDeps): Check;
}

/** Builds a kind -> factory map; two factories for one kind is a programming error. */
export function buildCheckRegistry(factories: readonly CheckFactory[]): ReadonlyMap<CheckKind, CheckFactory> {
  const registry = new Map<CheckKind, CheckFactory>();
  for (const factory of factories) {
    if (registry.has(factory.kind)) throw new Error(`check kind "${factory.kind}" is registered twice`);
    registry.set(factory.kind, factory);
  }
  return registry;
}

function factory<K extends CheckKind>(
  kind: K,
  create: (spec: CheckSpecsByKind[K], deps: ProbeDeps) => Check,
): CheckFactory {
  return { kind, create } as unknown as CheckFactory;
}

export const checkRegistry = buildCheckRegistry([
  factory('http', createHttpCheck),
  factory('tcp', createTcpCheck),
  factory('systemd', createSystemdCheck),
  factory('process', createProcessCheck),
]);

/** Turns one config entry into a runnable check; throws a plain message on a malformed entry. */
export function createCheck(
  spec: CheckSpec,
  deps: ProbeDeps = {},
  registry: ReadonlyMap<CheckKind, CheckFactory> = checkRegistry,
): Check {
  const keys = Object.keys(spec);
  if (keys.length !== 1) {
    throw new Error(
      `a check must have exactly one kind (${[...registry.keys()].join(', ')}), got: ${keys.join(', ') || 'none'}`,
    );
  }
  const kind = keys[0] as CheckKind;
  const found = registry.get(kind);
  if (!found)
    throw new Error(`unknown check kind "${kind}"; expected one of ${[...registry.keys()].join(', ')}`);
  return found.create((spec as Record<CheckKind, never>)[kind], deps);
}
