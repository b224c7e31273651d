import 'reflect-metadata';

import type { GraphQLSchema } from 'graphql';
import { buildSchema, NonEmptyArray } from 'type-graphql';

import { ApiKeyAdminResolver } from '../api-keys/api-key.admin.resolver';
import { ApiKeyResolver } from '../api-keys/api-key.resolver';
import { AccountResolver } from '../auth/account.resolver';
import { AdminUserResolver } from '../auth/admin-users.resolver';
import { AuthResolver } from '../auth/auth.resolver';
import { applyAccessDirectives } from '../auth/directives';
import { applyRateLimits } from '../auth/rate-limit';
import type { RateLimitStore } from '../auth/rate-limit.store';
import { ImportResolver } from '../import/import.resolver';
import { DciResolver } from '../medicaments/dci.resolver';
import { DiffResolver } from '../medicaments/diff.resolver';
import { DuplicatesResolver } from '../medicaments/duplicates.resolver';
import { EditingResolver } from '../medicaments/editing.resolver';
import { MedicamentResolver } from '../medicaments/medicament.resolver';
import { PackResolver } from '../packs/pack.resolver';
import { DashboardRankResolver, DashboardResolver } from '../stats/dashboard.resolver';
import { StatsResolver } from '../stats/stats.resolver';

/** Every resolver class of the API. */
export const RESOLVERS: NonEmptyArray<Function> = [
  AuthResolver,
  AccountResolver,
  AdminUserResolver,
  ApiKeyResolver,
  ApiKeyAdminResolver,
  PackResolver,
  MedicamentResolver,
  ImportResolver,
  StatsResolver,
  DashboardResolver,
  DashboardRankResolver,
  DciResolver,
  DiffResolver,
  DuplicatesResolver,
  EditingResolver,
];

/**
 * Builds the executable schema: rate limits, then access directives, so that access checks
 * run first. Without a rate-limit store (schema emission), limits are kept in memory.
 */
export async function buildAppSchema(rateLimits?: RateLimitStore): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers: RESOLVERS, validate: false });
  return applyAccessDirectives(applyRateLimits(schema, rateLimits));
}
