import { getDirective } from '@graphql-tools/utils';
import { buildSchema, GraphQLSchema } from 'graphql';

import { fieldsWithoutOneAccessDirective } from '../../src/auth/directives';
import { buildAppSchema } from '../../src/http/schema';
import { printAppSchema } from '../../scripts/emit-schema';

describe('access directives in the schema', () => {
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  it('puts exactly one access directive on every root field', () => {
    expect(fieldsWithoutOneAccessDirective(schema)).toEqual([]);
  });

  it('reports root fields with no access directive or with two', () => {
    const faulty = buildSchema(`
      directive @public on FIELD_DEFINITION
      directive @authenticated on FIELD_DEFINITION
      type Query { open: Int @public bare: Int both: Int @public @authenticated }
    `);

    expect(fieldsWithoutOneAccessDirective(faulty)).toEqual([
      'Query.bare has 0 access directives',
      'Query.both has 2 access directives',
    ]);
  });

  it.each(['login', 'signup', 'changePassword', 'deleteMyAccount'])(
    'rate-limits %s per client address and per email',
    (field) => {
      const definition = schema.getMutationType()?.getFields()[field];

      const perAddress = getDirective(schema, definition!, 'rateLimit')?.[0];
      const perEmail = getDirective(schema, definition!, 'rateLimitPerEmail')?.[0];

      expect(perAddress?.limit).toBeGreaterThan(0);
      expect(perAddress?.duration).toBeGreaterThan(0);
      expect(perEmail?.limit).toBeGreaterThan(0);
    },
  );

  it('prints the rate-limit directives in the SDL', async () => {
    const sdl = await printAppSchema();

    expect(sdl).toContain('directive @rateLimit(');
    expect(sdl).toMatch(
      /login\([^)]*\): LoginPayload! @public @rateLimit\(limit: \d+, duration: \d+\)/,
    );
  });
});
