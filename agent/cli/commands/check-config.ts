import { ConfigError, EX_CONFIG } from '../../config/errors.js';
import { type Command, commonOptions, jsonOption } from '../command.js';
import { cliContext } from '../context.js';

export const checkConfigCommand: Command = {
  name: 'check-config',
  summary: 'validate the config without starting anything (exit 78 when invalid)',
  usage: 'hostwatch check-config [--config FILE] [--json]',
  options: { ...commonOptions, ...jsonOption },
  async run(values, _positionals, io) {
    try {
      const { config, configSource: source, dataDir } = cliContext(values, io);
      if (values.json) io.out(`${JSON.stringify({ valid: true, source, dataDir, problems: [] })}\n`);
      else
        io.out(
          `config OK (${source}); data directory ${dataDir}; ${config.services.length} service(s) besides host\n`,
        );
      return 0;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      if (values.json)
        io.out(`${JSON.stringify({ valid: false, source: error.source, problems: error.problems })}\n`);
      else io.err(`hostwatch: ${error.message}\n`);
      return EX_CONFIG;
    }
  },
};
