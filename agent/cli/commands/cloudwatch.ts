import { deleteAlarmsView } from '../cloudwatch/delete-alarms.js';
import { planView } from '../cloudwatch/plan-view.js';
import { statusView } from '../cloudwatch/status-view.js';
import {
  type CliIo,
  type Command,
  commonOptions,
  jsonOption,
  rejectPositionals,
  UsageError,
} from '../command.js';
import { type CliContext, cliContext } from '../context.js';

type Subcommand = (ctx: CliContext, io: CliIo, json: boolean, now: number) => Promise<number> | number;

const subcommands: Record<string, Subcommand> = {
  plan: planView,
  status: statusView,
  'delete-alarms': deleteAlarmsView,
};

export const cloudwatchCommand: Command = {
  name: 'cloudwatch',
  summary: 'what the agent publishes to CloudWatch and what it costs; the outbox; removing the host alarms',
  usage: [
    'hostwatch cloudwatch plan [--json]            the series it would publish and the estimated monthly cost',
    '       hostwatch cloudwatch status [--json]          outbox depth, last success, datums set aside, alarm sync',
    '       hostwatch cloudwatch delete-alarms [--json]   decommissioning: delete this host’s alarms (stop the agent first)',
  ].join('\n'),
  options: { ...commonOptions, ...jsonOption },
  async run(values, positionals, io) {
    const [name, ...rest] = positionals;
    if (name === undefined) throw new UsageError('which one: plan, status or delete-alarms?');
    const subcommand = subcommands[name];
    if (!subcommand)
      throw new UsageError(`unknown subcommand "${name}"; expected plan, status or delete-alarms`);
    rejectPositionals(rest);
    return subcommand(cliContext(values, io), io, values.json === true, Date.now());
  },
};
