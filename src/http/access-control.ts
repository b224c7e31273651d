import type { ApolloServerPlugin } from '@apollo/server';
import type { Middleware } from 'koa';

import { rejectApiKeyInQuery } from '../api-keys/api-key.middleware';
import { createRateLimitStore, RateLimitStore } from '../auth/rate-limit.store';
import { restQuotaMiddleware } from '../packs/quota.middleware';
import { quotaPlugin } from '../packs/quota.plugin';
import type { GraphQLContext } from './context';
import type { Services } from './services';

/** The request-path parts of accounts: rate limits, quotas and API key checks. */
export interface AccessControl {
  /** Store of the `@rateLimit` directives, passed to `buildAppSchema`. */
  rateLimits: RateLimitStore;
  /** Counts GraphQL operations against quotas; list it before the response cache plugin. */
  quotaPlugin: ApolloServerPlugin<GraphQLContext>;
  /** Counts REST calls; mount it on the REST routes only. */
  restQuota: Middleware;
  /** Rejects API keys sent in the query string; mount it before the routes. */
  rejectKeysInQuery: Middleware;
  /** Writes buffered usage and closes the rate-limit store; call before closing the database. */
  stop(): Promise<void>;
}

/** Starts the usage buffers and opens the rate-limit store for one HTTP app. */
export function startAccessControl(services: Services): AccessControl {
  const { config, orm, logger, quotas, apiKeyUsage } = services;
  const rateLimits = createRateLimitStore(config, orm, logger);
  quotas.buffer.start();
  apiKeyUsage.start();
  return {
    rateLimits,
    quotaPlugin: quotaPlugin(quotas),
    restQuota: restQuotaMiddleware(quotas),
    rejectKeysInQuery: rejectApiKeyInQuery(`${config.rootPath}/graphql`),
    stop: async () => {
      await Promise.all([quotas.buffer.stop(), apiKeyUsage.stop()]);
      await rateLimits.close();
    },
  };
}
