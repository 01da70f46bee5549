import { runningDaemonPid } from '../../daemon/lock.js';
import { buildStatus } from '../../status/model.js';
import { renderStatusText } from '../../status/render-text.js';
import { type Command, commonOptions, jsonOption } from '../command.js';
import { cliContext, openReadOnly } from '../context.js';

export const statusCommand: Command = {
  name: 'status',
  summary: "the host's identity, the agent's health and the latest figures",
  usage: 'hostwatch status [--config FILE] [--data-dir DIR] [--json]',
  options: { ...commonOptions, ...jsonOption },
  async run(values, _positionals, io) {
    const ctx = cliContext(values, io);
    const db = openReadOnly(ctx);
    try {
      const model = buildStatus({
        db,
        dbPath: ctx.dbPath,
        dataDir: ctx.dataDir,
        now: Date.now(),
        runningPid: runningDaemonPid(ctx.dataDir),
        services: ctx.config.services.map((s) => s.name),
      });
      io.out(values.json ? `${JSON.stringify(model, null, 2)}\n` : renderStatusText(model));
      return model.agent.running ? 0 : 3; // 3: like `systemctl status` for a stopped unit
    } finally {
      db.close();
    }
  },
};
