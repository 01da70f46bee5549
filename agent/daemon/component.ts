/**
 * A feature that talks to the outside world (CloudWatch, SNS, Discord, ...). The daemon asks each
 * one whether it should run (and logs why not), starts the ones that should after the host's
 * identity is known, and stops them on shutdown or before a config reload restarts them.
 */
import type { Config } from '../config/schema.js';
import type { HostIdentity } from '../identity/types.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/db.js';
import type { Clock } from '../types.js';
import type { AgentEvents } from './events.js';

export interface AgentContext {
  db: Db;
  clock: Clock;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  config: Config;
  configSource: string;
  dataDir: string;
  identity: HostIdentity;
  events: AgentEvents;
}

export interface Decision {
  on: boolean;
  /** Plain words: why it is off, or what it will do. */
  reason: string;
}

export interface AgentComponent {
  readonly name: string;
  /** May be async (e.g. a bounded credential lookup); must not throw and must not hang. */
  decide(ctx: AgentContext): Decision | Promise<Decision>;
  start(ctx: AgentContext): Promise<void> | void;
  /** Finish or hand back in-flight work (outboxes keep the rest) and release resources. */
  stop(): Promise<void>;
}

export type ComponentFactory = () => AgentComponent;

/** Static registry: one factory per feature, unique names. */
export function buildComponents(factories: readonly ComponentFactory[]): AgentComponent[] {
  const components = factories.map((create) => create());
  const seen = new Set<string>();
  for (const component of components) {
    if (seen.has(component.name)) throw new Error(`duplicate agent component "${component.name}"`);
    seen.add(component.name);
  }
  return components;
}
