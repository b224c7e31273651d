import type { ApolloServerPlugin } from '@apollo/server';

import type { GraphQLContext } from '../http/context';
import { toHttpGraphQLError } from '../http/http-error';
import { quotaExtension, quotaHeaders, secondsUntil } from './quota.http';
import type { QuotaService, QuotaState } from './quota.service';
import { countRootFields } from './root-fields';

/**
 * Counts every GraphQL operation of a signed-in caller against its quota, one per root
 * field. It runs in `didResolveOperation`, before the response cache can reply, so responses
 * served from the cache count too. Anonymous callers are not counted: public fields need no account, and
 * the others fail with UNAUTHENTICATED. Over the limit the operation is not executed and
 * the response is a 429 with `Retry-After`.
 */
export function quotaPlugin(quotas: QuotaService): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      let state: QuotaState | null = null;
      return {
        async didResolveOperation({ contextValue, operation, document, request }) {
          const principal = contextValue.access.principal;
          if (!principal || !operation) return;
          const amount = countRootFields(operation, document, request.variables ?? {});
          if (amount === 0) return;

          const outcome = await quotas.consume(principal, amount);
          state = outcome.state;
          if (!outcome.error) return;
          contextValue.logger.warn({ amount, quota: outcome.error.details }, 'quota exceeded');
          const retryAfter = String(secondsUntil(outcome.state.resetAt));
          throw toHttpGraphQLError(outcome.error, { 'Retry-After': retryAfter });
        },

        async willSendResponse({ response }) {
          if (!state) return;
          for (const [name, value] of Object.entries(quotaHeaders(state))) {
            response.http.headers.set(name, value);
          }
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, quota: quotaExtension(state) };
        },
      };
    },
  };
}
