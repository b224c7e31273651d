import { readFileSync } from 'node:fs';
import path from 'node:path';

import { fieldsWithoutOneAccessDirective } from '../../src/auth/directives';
import { buildAppSchema } from '../../src/http/schema';
import { printAppSchema } from '../../scripts/emit-schema';

const SCHEMA_FILE = path.resolve(__dirname, '../../schema/schema.graphql');

describe('schema', () => {
  it('matches the committed schema/schema.graphql', async () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');

    const emitted = await printAppSchema();

    // On failure, run `npm run schema:emit` and commit schema/schema.graphql.
    expect(committed).toBe(emitted);
  });

  it('puts exactly one access directive on every root field', async () => {
    const schema = await buildAppSchema();

    const problems = fieldsWithoutOneAccessDirective(schema);

    expect(problems).toEqual([]);
  });
});
