import type { Logger } from '../log.js';
import type { Collector } from '../types.js';
import { CpuCollector } from './cpu.js';
import { DiskCollector, type StatfsFn } from './disk.js';
import { DiskioCollector } from './diskio.js';
import { LoadCollector } from './load.js';
import { MemoryCollector } from './memory.js';
import { NetCollector } from './net.js';
import { SwapCollector } from './swap.js';
import { SystemCollector } from './system.js';

export interface CollectorOptions {
  procRoot?: string;
  sysRoot?: string;
  disk?: {
    timeoutMs?: number;
    ignoreFsTypes?: readonly string[];
    ignoreMountPoints?: readonly string[];
  };
  diskio?: { excludeDevices?: readonly string[] };
  net?: { excludeInterfaces?: readonly string[] };
  /** Names of the collectors to build; default all of COLLECTOR_NAMES. */
  enabled?: readonly string[];
}

/** Things collectors use that are not configuration. */
export interface CollectorDeps {
  logger?: Logger;
  statfs?: StatfsFn;
}

export interface CollectorFactory {
  readonly name: string;
  create(options: CollectorOptions, deps: CollectorDeps): Collector;
}

/** A small static registry of collector factories; names are unique. */
export class CollectorRegistry {
  private readonly factories = new Map<string, CollectorFactory>();

  register(factory: CollectorFactory): this {
    if (this.factories.has(factory.name)) {
      throw new Error(`collector "${factory.name}" is registered twice; collector names must be unique`);
    }
    this.factories.set(factory.name, factory);
    return this;
  }

  names(): string[] {
    return [...this.factories.keys()];
  }

  /** Builds the enabled collectors in registration order; an unknown name in `enabled` throws. */
  create(options: CollectorOptions = {}, deps: CollectorDeps = {}): Collector[] {
    const enabled = options.enabled ?? this.names();
    const unknown = enabled.filter((name) => !this.factories.has(name));
    if (unknown.length > 0) {
      throw new Error(
        `unknown collector ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${this.names().join(', ')}`,
      );
    }
    const wanted = new Set(enabled);
    return [...this.factories.values()]
      .filter((factory) => wanted.has(factory.name))
      .map((factory) => {
        const collector = factory.create(options, deps);
        if (collector.name !== factory.name) {
          throw new Error(`collector factory "${factory.name}" built a collector named "${collector.name}"`);
        }
        return collector;
      });
  }
}

const DEFAULT_FACTORIES: readonly CollectorFactory[] = [
  { name: 'cpu', create: (o) => new CpuCollector({ procRoot: o.procRoot }) },
  { name: 'load', create: (o) => new LoadCollector({ procRoot: o.procRoot }) },
  { name: 'memory', create: (o) => new MemoryCollector({ procRoot: o.procRoot }) },
  { name: 'swap', create: (o) => new SwapCollector({ procRoot: o.procRoot }) },
  {
    name: 'disk',
    create: (o, deps) =>
      new DiskCollector({
        procRoot: o.procRoot,
        timeoutMs: o.disk?.timeoutMs,
        ignoreFsTypes: o.disk?.ignoreFsTypes,
        ignoreMountPoints: o.disk?.ignoreMountPoints,
        statfs: deps.statfs,
        logger: deps.logger?.child({ collector: 'disk' }),
      }),
  },
  {
    name: 'diskio',
    create: (o) =>
      new DiskioCollector({
        procRoot: o.procRoot,
        sysRoot: o.sysRoot,
        excludeDevices: o.diskio?.excludeDevices,
      }),
  },
  {
    name: 'net',
    create: (o) => new NetCollector({ procRoot: o.procRoot, excludeInterfaces: o.net?.excludeInterfaces }),
  },
  { name: 'system', create: (o) => new SystemCollector({ procRoot: o.procRoot }) },
];

/** Names of the built-in collectors, in the order createCollectors returns them. */
export const COLLECTOR_NAMES: readonly string[] = DEFAULT_FACTORIES.map((factory) => factory.name);

/** A registry holding the built-in collectors; register more on it before create(). */
export function defaultCollectorRegistry(): CollectorRegistry {
  const registry = new CollectorRegistry();
  for (const factory of DEFAULT_FACTORIES) registry.register(factory);
  return registry;
}

/** Builds the default set of collectors (or the `enabled` subset). */
export function createCollectors(options: CollectorOptions = {}, deps: CollectorDeps = {}): Collector[] {
  return defaultCollectorRegistry().create(options, deps);
}
