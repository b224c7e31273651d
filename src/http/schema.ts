import 'reflect-metadata';

import type { GraphQLSchema } from 'graphql';
import { buildSchema, NonEmptyArray } from 'type-graphql';

import { AuthResolver } from '../auth/auth.resolver';
import { applyAccessDirectives } from '../auth/directives';
import { ImportResolver } from '../import/import.resolver';
import { MedicamentResolver } from '../medicaments/medicament.resolver';
import { PackResolver } from '../packs/pack.resolver';

/** Every resolver class of the API. */
export const RESOLVERS: NonEmptyArray<Function> = [
  AuthResolver,
  PackResolver,
  MedicamentResolver,
  ImportResolver,
];

/** Builds the executable schema, access directives applied. */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers: RESOLVERS, validate: false });
  return applyAccessDirectives(schema);
}
