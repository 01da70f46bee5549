/**
 * The command registry: each command is loaded only when it runs, so `hostwatch run` does not carry
 * the AWS SDK clients or discord.js that other commands (and features that are off) need.
 */
import type { Command } from './command.js';

export type CommandLoader = () => Promise<Command>;

export function buildRegistry(
  entries: ReadonlyArray<[string, CommandLoader]>,
): ReadonlyMap<string, CommandLoader> {
  const registry = new Map<string, CommandLoader>();
  for (const [name, load] of entries) {
    if (registry.has(name)) throw new Error(`duplicate CLI command "${name}"`);
    registry.set(name, load);
  }
  return registry;
}

export const commands = buildRegistry([
  ['run', async () => (await import('./commands/run.js')).runCommand],
  ['check-config', async () => (await import('./commands/check-config.js')).checkConfigCommand],
  ['status', async () => (await import('./commands/status.js')).statusCommand],
  ['metrics', async () => (await import('./commands/metrics.js')).metricsCommand],
  ['uptime', async () => (await import('./commands/uptime.js')).uptimeCommand],
  ['incidents', async () => (await import('./commands/incidents.js')).incidentsCommand],
  ['maintenance', async () => (await import('./commands/maintenance.js')).maintenanceCommand],
  ['cloudwatch', async () => (await import('./commands/cloudwatch.js')).cloudwatchCommand],
  ['ask', async () => (await import('./commands/ask.js')).askCommand],
  ['inquiries', async () => (await import('./commands/inquiries.js')).inquiriesCommand],
  ['alerts', async () => (await import('./commands/alerts.js')).alertsCommand],
  ['page', async () => (await import('./commands/page.js')).pageCommand],
  ['report', async () => (await import('./commands/report.js')).reportCommand],
]);

/** Every command, for the help text. */
export function loadAll(): Promise<Command[]> {
  return Promise.all([...commands.values()].map((load) => load()));
}
