/** What the `hostwatch maintenance` subcommands share. */
import { formatDuration } from '../../config/duration.js';
import type { Config } from '../../config/schema.js';
import { HOST_SERVICE } from '../../history/report.js';
import type { MaintenanceWindow } from '../../uptime/types.js';
import type { CliIo, ParsedValues } from '../command.js';
import type { CliContext } from '../context.js';

export interface SubcommandInput {
  values: ParsedValues;
  /** Positionals after the subcommand name. */
  args: string[];
  ctx: CliContext;
  io: CliIo;
  now: number;
}

export const DAY_MS = 86_400_000;

/** Services a window may name: the host and the configured services. */
export function knownServices(config: Config): string[] {
  return [HOST_SERVICE, ...config.services.map((service) => service.name)];
}

export type WindowStatus = 'active' | 'upcoming' | 'past';

export function statusOf(window: MaintenanceWindow, now: number): WindowStatus {
  if (window.to <= now) return 'past';
  return window.from <= now ? 'active' : 'upcoming';
}

/** "active now, ends in 20m", "in 3d 4h", "ended 2d ago". */
export function whenText(window: MaintenanceWindow, now: number): string {
  switch (statusOf(window, now)) {
    case 'active':
      return `active now, ends in ${formatDuration(window.to - now)}`;
    case 'upcoming':
      return `in ${formatDuration(window.from - now)}`;
    case 'past':
      return `ended ${formatDuration(now - window.to)} ago`;
  }
}

export function servicesText(services: MaintenanceWindow['services']): string {
  return services === 'all' ? 'all' : services.join(', ');
}
