import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../../agent/config/json-schema.js';
import { CONFIG_CONTRACT_KEYS } from '../../helpers/config-contract.js';

describe('published JSON Schema', () => {
  it('matches the zod schema (run `npm run build && npm run schema` after changing the config)', () => {
    const published = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../systemd/hostwatch.schema.json'), 'utf8'),
    );
    expect(published).toEqual(JSON.parse(JSON.stringify(configJsonSchema())));
  });

  it('describes the contract keys and rejects unknown ones', () => {
    const schema = configJsonSchema() as {
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    for (const key of CONFIG_CONTRACT_KEYS) {
      expect(schema.properties).toHaveProperty(key);
    }
    expect(schema.additionalProperties).toBe(false);
  });
});
