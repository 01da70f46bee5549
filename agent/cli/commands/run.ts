import { runDaemon } from '../../main.js';
import { type Command, commonOptions } from '../command.js';

export const runCommand: Command = {
  name: 'run',
  summary: 'run the agent in the foreground (what systemd and `npm start` run)',
  usage: 'hostwatch run [--config FILE] [--data-dir DIR]',
  options: { ...commonOptions },
  run: (values, _positionals, io) =>
    runDaemon({
      configFlag: values.config as string | undefined,
      dataDirFlag: values['data-dir'] as string | undefined,
      env: io.env,
      cwd: io.cwd,
      writeError: io.err,
    }),
};
