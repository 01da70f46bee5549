/** The config contract as JSON Schema, for editor completion (yaml-language-server). */
import { z } from 'zod';
import { configSchema } from './schema.js';

export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://hostwatch.invalid/hostwatch.schema.json',
    title: 'hostwatch configuration',
    description: 'Durations are strings with a unit: 500ms, 10s, 5m, 1h, 7d.',
  };
}
