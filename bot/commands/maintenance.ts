import { SlashCommandBuilder } from 'discord.js';
import { MAX_REASON_LENGTH } from '../../agent/history/maintenance-plan.js';
import { MaintenanceStore, parseAdhocId } from '../../agent/store/maintenance.js';
import { formatLocal } from '../../agent/uptime/timezones.js';
import { answerQuestion } from '../answers/engine.js';
import {
  changeNotAllowed,
  maintenanceAdded,
  maintenanceRefused,
  maintenanceRemoved,
} from '../answers/maintenance-changes.js';
import { planMaintenance } from '../answers/maintenance-plan.js';
import { truncate } from '../answers/render-discord.js';
import { code, echo, type Rich } from '../answers/rich.js';
import type { BotContext } from '../context.js';
import { CHOICE_TEXT, MAX_CHOICES, serviceChoices, serviceOption, withServiceAndPeriod } from './options.js';
import type { CommandInput, CommandOutput, Invoker, SlashCommand } from './types.js';

const EVERYTHING = { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER };

/** How both changes start: the answer data, an ephemeral refusal for this change, and the on-call role check. */
function beginChange(intent: 'maintenance-add' | 'maintenance-remove', invoker: Invoker, ctx: BotContext) {
  const data = ctx.data();
  const refuse = (problem: Rich): CommandOutput => ({
    intent,
    answer: maintenanceRefused(data, intent, problem),
    ephemeral: true,
  });
  const notAllowed = changeNotAllowed(ctx.config.discord.onCallRole, invoker);
  return { data, refuse, denied: notAllowed ? refuse(notAllowed) : undefined };
}

function add({ options, invoker, now }: CommandInput, ctx: BotContext): CommandOutput {
  const { data, refuse, denied } = beginChange('maintenance-add', invoker, ctx);
  if (denied) return denied;
  const plan = planMaintenance(
    {
      start: options.getString('start', true),
      duration: options.getString('duration', true),
      reason: options.getString('reason', true),
      service: options.getString('service'),
    },
    { now, timeZone: ctx.config.timezone, services: data.services() },
  );
  if (!plan.ok) return refuse(plan.problem);
  const window = new MaintenanceStore(ctx.db).add({
    ...plan.window,
    createdAt: now,
    createdBy: `discord:${invoker.userName} (${invoker.userId})`,
  });
  ctx.logger.info('maintenance planned from Discord', {
    id: window.id,
    from: window.from,
    to: window.to,
    by: invoker.userId,
  });
  return { intent: 'maintenance-add', answer: maintenanceAdded(data, window, now) };
}

function remove({ options, invoker, now }: CommandInput, ctx: BotContext): CommandOutput {
  const { data, refuse, denied } = beginChange('maintenance-remove', invoker, ctx);
  if (denied) return denied;
  const text = options.getString('id', true);
  if (text.startsWith('config:'))
    return refuse(['Windows from the config file are changed in the config file.']);
  const id = parseAdhocId(text);
  const store = new MaintenanceStore(ctx.db);
  const window = id === undefined ? undefined : store.live(id);
  if (id === undefined || !window)
    return refuse(['There is no planned window ', echo(text), '; see ', code('/maintenance list'), '.']);
  if (window.to <= now) return refuse(['That window is over; past windows stay in the history.']);
  store.remove(id, now);
  ctx.logger.info('maintenance removed from Discord', { id: window.id, by: invoker.userId });
  return { intent: 'maintenance-remove', answer: maintenanceRemoved(data, window, now) };
}

export const maintenanceCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('maintenance')
    .setDescription('Planned maintenance windows')
    .addSubcommand((sub) => sub.setName('list').setDescription('Active and upcoming windows (next 30 days)'))
    .addSubcommand((sub) =>
      sub.setName('next').setDescription('The active or next window').addStringOption(serviceOption),
    )
    .addSubcommand((sub) =>
      sub
        .setName('add')
        .setDescription('Plan a window (on-call role only)')
        .addStringOption((o) =>
          o
            .setName('start')
            .setDescription('now, in 30m, or local time such as 2026-11-29T02:00')
            .setRequired(true)
            .setMaxLength(40),
        )
        .addStringOption((o) =>
          o
            .setName('duration')
            .setDescription('such as 45m or 2h (1m to 30d)')
            .setRequired(true)
            .setMaxLength(20),
        )
        .addStringOption((o) =>
          o
            .setName('reason')
            .setDescription('what is being done')
            .setRequired(true)
            .setMaxLength(MAX_REASON_LENGTH),
        )
        .addStringOption(serviceOption),
    )
    .addSubcommand((sub) =>
      sub
        .setName('remove')
        .setDescription('Cancel a planned window (on-call role only)')
        .addStringOption((o) =>
          o
            .setName('id')
            .setDescription('such as adhoc:3')
            .setRequired(true)
            .setAutocomplete(true)
            .setMaxLength(40),
        ),
    )
    .toJSON(),
  defer: false,
  execute(input, ctx) {
    switch (input.options.getSubcommand()) {
      case 'add':
        return add(input, ctx);
      case 'remove':
        return remove(input, ctx);
      case 'next': {
        const data = ctx.data();
        const question = withServiceAndPeriod(
          { intent: 'maintenance-next', text: '/maintenance next' },
          input.options.getString('service'),
          null,
          data.services(),
        );
        return { intent: 'maintenance-next', answer: answerQuestion(question, data, input.now) };
      }
      default:
        return {
          intent: 'maintenance-list',
          answer: answerQuestion(
            { intent: 'maintenance-list', text: '/maintenance list' },
            ctx.data(),
            input.now,
          ),
        };
    }
  },
  autocomplete({ focused, now }, ctx) {
    if (focused.name !== 'id') return serviceChoices(focused.value, ctx);
    const needle = focused.value.trim().toLowerCase();
    return new MaintenanceStore(ctx.db)
      .overlapping(now, EVERYTHING.to)
      .filter((w) => `${w.id} ${w.name}`.toLowerCase().includes(needle))
      .slice(0, MAX_CHOICES)
      .map((w) => {
        const name = `${w.id}: ${w.name} (${formatLocal(w.from, ctx.config.timezone)})`;
        return { name: truncate(name, CHOICE_TEXT), value: w.id };
      });
  },
};
