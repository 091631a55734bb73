/** JSON Schema (draft 2020-12) of the scenario format, generated from the zod schema for editors. */
import { z } from 'zod';
import { Scenario } from './schema.js';

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Scenario, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: 'Parley scenario',
    ...schema,
  };
}
