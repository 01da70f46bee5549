/** The slash commands, one per file; names must be unique. */
import { helpCommand } from './help.js';
import { incidentsCommand } from './incidents.js';
import { maintenanceCommand } from './maintenance.js';
import { reportCommand } from './report.js';
import { serverCommand } from './server.js';
import { statusCommand } from './status.js';
import type { SlashCommand } from './types.js';
import { uptimeCommand } from './uptime.js';

function commandRegistry(commands: readonly SlashCommand[]): ReadonlyMap<string, SlashCommand> {
  const registry = new Map<string, SlashCommand>();
  for (const command of commands) {
    if (registry.has(command.data.name)) throw new Error(`duplicate slash command "/${command.data.name}"`);
    registry.set(command.data.name, command);
  }
  return registry;
}

export const slashCommands = commandRegistry([
  statusCommand,
  serverCommand,
  uptimeCommand,
  incidentsCommand,
  maintenanceCommand,
  reportCommand,
  helpCommand,
]);
