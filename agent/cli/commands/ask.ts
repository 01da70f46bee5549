import { storeAnswerData } from '../../../bot/answers/data.js';
import { ask } from '../../../bot/answers/engine.js';
import { renderText } from '../../../bot/answers/render-text.js';
import { askJson } from '../ask-json.js';
import { type Command, commonOptions, jsonOption, UsageError } from '../command.js';
import { cliContext, withReadOnlyStore } from '../context.js';

export const askCommand: Command = {
  name: 'ask',
  summary: 'ask what the Discord bot would answer ("was there downtime yesterday?"), as plain text',
  usage: 'hostwatch ask "QUESTION" [--json]',
  options: { ...commonOptions, ...jsonOption },
  async run(values, positionals, io) {
    const question = positionals.join(' ').trim();
    if (question === '')
      throw new UsageError('what is the question? e.g. hostwatch ask "was there downtime yesterday?"');
    const ctx = cliContext(values, io);
    const timeZone = ctx.config.timezone;
    const now = Date.now();
    return withReadOnlyStore(ctx, (store) => {
      const answer = ask(question, storeAnswerData({ ...store, config: ctx.config }), now);
      const text = renderText(answer, { now, timeZone });
      io.out(values.json ? `${JSON.stringify(askJson(answer, question, text, timeZone), null, 2)}\n` : text);
      // 1: not understood or refused, so scripts can tell an answer from a help text.
      return answer.outcome === 'answered' ? 0 : 1;
    });
  },
};
