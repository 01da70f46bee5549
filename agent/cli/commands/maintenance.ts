import { type Command, commonOptions, jsonOption, UsageError } from '../command.js';
import { cliContext } from '../context.js';
import { addMaintenance } from '../maintenance/add.js';
import { removeMaintenance } from '../maintenance/remove.js';
import type { SubcommandInput } from '../maintenance/shared.js';
import { listMaintenance, nextMaintenanceView } from '../maintenance/views.js';

interface Subcommand {
  /** Options it takes besides the common ones. */
  options: readonly string[];
  run(input: SubcommandInput): number;
}

const subcommands: Record<string, Subcommand> = {
  add: { options: ['start', 'duration', 'reason', 'service', 'json'], run: addMaintenance },
  list: { options: ['all', 'json'], run: listMaintenance },
  next: { options: ['service', 'json'], run: nextMaintenanceView },
  remove: { options: [], run: removeMaintenance },
};

const COMMON = new Set(Object.keys(commonOptions));

export const maintenanceCommand: Command = {
  name: 'maintenance',
  summary: 'plan, list and cancel maintenance windows (downtime inside them does not count against uptime)',
  usage: [
    'hostwatch maintenance add --start 2026-11-29T02:00 --duration 1h --reason "kernel patch" [--service S ...]',
    '       hostwatch maintenance list [--all] [--json]',
    '       hostwatch maintenance next [--service S] [--json]',
    '       hostwatch maintenance remove ID',
  ].join('\n'),
  options: {
    ...commonOptions,
    ...jsonOption,
    start: { type: 'string' },
    duration: { type: 'string' },
    reason: { type: 'string' },
    service: { type: 'string', multiple: true },
    all: { type: 'boolean' },
  },
  async run(values, positionals, io) {
    const [name, ...args] = positionals;
    if (name === undefined) throw new UsageError('which one: add, list, next or remove?');
    const subcommand = subcommands[name];
    if (!subcommand) throw new UsageError(`unknown subcommand "${name}"; expected add, list, next or remove`);
    const stray = Object.keys(values).filter((key) => !COMMON.has(key) && !subcommand.options.includes(key));
    if (stray.length > 0) throw new UsageError(`--${stray[0]} does not apply to "maintenance ${name}"`);
    return subcommand.run({ values, args, ctx: cliContext(values, io), io, now: Date.now() });
  },
};
