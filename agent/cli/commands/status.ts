import { buildStatus } from '../../status/model.js';
import { renderStatusText } from '../../status/render-text.js';
import { type Command, commonOptions, jsonOption } from '../command.js';
import { cliContext, withReadOnlyStore } from '../context.js';

export const statusCommand: Command = {
  name: 'status',
  summary: "the host's identity, the agent's health and the latest figures",
  usage: 'hostwatch status [--config FILE] [--data-dir DIR] [--json]',
  options: { ...commonOptions, ...jsonOption },
  async run(values, _positionals, io) {
    const ctx = cliContext(values, io);
    return withReadOnlyStore(ctx, (store) => {
      const model = buildStatus({
        ...store,
        now: Date.now(),
        services: ctx.config.services.map((s) => s.name),
      });
      io.out(values.json ? `${JSON.stringify(model, null, 2)}\n` : renderStatusText(model));
      return model.agent.running ? 0 : 3; // 3: like `systemctl status` for a stopped unit
    });
  },
};
