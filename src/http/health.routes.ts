import Router from '@koa/router';

import type { RequestState } from './context';
import type { Services } from './services';

/** `GET /health`: the same report as the GraphQL `health` query; public. */
export function healthRoutes(services: Services): Router {
  const router = new Router();
  router.get('/health', async (ctx) => {
    const report = await services.health.report((ctx.state as RequestState).em);
    ctx.status = report.database === 'ok' ? 200 : 503;
    ctx.body = report;
  });
  return router;
}
