/** `npm run schema`: regenerates systemd/hostwatch.schema.json from the zod schema. */
import { writeFileSync } from 'node:fs';
import { configJsonSchema } from './json-schema.js';

const target = new URL('../../../systemd/hostwatch.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${target.pathname}\n`);
