/** The static command registry; names must be unique. */
import type { Command } from './command.js';
import { alertsCommand } from './commands/alerts.js';
import { askCommand } from './commands/ask.js';
import { checkConfigCommand } from './commands/check-config.js';
import { cloudwatchCommand } from './commands/cloudwatch.js';
import { incidentsCommand } from './commands/incidents.js';
import { inquiriesCommand } from './commands/inquiries.js';
import { maintenanceCommand } from './commands/maintenance.js';
import { metricsCommand } from './commands/metrics.js';
import { pageCommand } from './commands/page.js';
import { runCommand } from './commands/run.js';
import { statusCommand } from './commands/status.js';
import { uptimeCommand } from './commands/uptime.js';

export function buildRegistry(commands: readonly Command[]): ReadonlyMap<string, Command> {
  const registry = new Map<string, Command>();
  for (const command of commands) {
    if (registry.has(command.name)) throw new Error(`duplicate CLI command "${command.name}"`);
    registry.set(command.name, command);
  }
  return registry;
}

export const commands = buildRegistry([
  runCommand,
  checkConfigCommand,
  statusCommand,
  metricsCommand,
  uptimeCommand,
  incidentsCommand,
  maintenanceCommand,
  cloudwatchCommand,
  askCommand,
  inquiriesCommand,
  alertsCommand,
  pageCommand,
]);
