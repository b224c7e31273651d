import type { Middleware } from 'koa';

import type { RequestState } from '../http/context';
import { quotaHeaders, secondsUntil } from './quota.http';
import type { QuotaService } from './quota.service';

/**
 * Counts each REST call of a signed-in caller as one request. Anonymous calls (such as
 * load balancers polling `GET /health`) are not counted; signed-in ones are, public routes
 * included, as GraphQL counts `health` for them. Mount it on the REST routes only: GraphQL
 * is counted by the quota plugin.
 */
export function restQuotaMiddleware(quotas: QuotaService): Middleware {
  return async (ctx, next) => {
    const { access, logger } = ctx.state as RequestState;
    if (!access?.principal || ctx.method === 'OPTIONS') return next();

    const outcome = await quotas.consume(access.principal, 1);
    if (outcome.state) ctx.set(quotaHeaders(outcome.state));
    if (outcome.error) {
      logger.warn({ quota: outcome.error.details }, 'quota exceeded');
      ctx.set('Retry-After', String(secondsUntil(outcome.state.resetAt)));
      throw outcome.error;
    }
    await next();
  };
}
