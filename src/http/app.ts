import http from 'node:http';

import cors from '@koa/cors';
import Router from '@koa/router';
import { graphqlUploadKoa } from 'graphql-upload-minimal';
import Koa from 'koa';
import { koaBody } from 'koa-body';

import { importRoutes } from '../import/import.routes';
import { exportRoutes } from '../medicaments/export.routes';
import { startAccessControl } from './access-control';
import { startApollo, graphqlMiddleware, discardUnreadUploads } from './graphql';
import { healthRoutes } from './health.routes';
import { startDataSync } from './nomenclature-services';
import { playgroundRoutes, wantsPlayground } from './playground';
import { requestMiddleware } from './request.middleware';
import { OperationCache } from './operation-cache';
import { buildAppSchema } from './schema';
import type { Services } from './services';

export interface BuiltApp {
  app: Koa;
  /** Stops Apollo; the caller closes the HTTP server and the database. */
  stop(): Promise<void>;
}

function corsOptions(origins: string[]): cors.Options {
  if (origins.includes('*')) return { origin: '*', maxAge: 600 };
  return {
    origin: (ctx) => (origins.includes(ctx.get('origin')) ? ctx.get('origin') : ''),
    maxAge: 600,
  };
}

/**
 * Builds the Koa app: request middleware (id, logs, errors, access), CORS, then every
 * route under `ROOT_PATH`: GraphQL at /graphql, the playground, and the REST sidecar.
 */
export async function buildApp(services: Services): Promise<BuiltApp> {
  const { config } = services;
  const accessControl = startAccessControl(services);
  const dataSync = await startDataSync(services);
  const schema = await buildAppSchema(accessControl.rateLimits);
  const operationCache = new OperationCache(services.generation, services.quotas);
  const apollo = await startApollo(schema, services, [
    accessControl.quotaPlugin,
    operationCache.plugin(),
  ]);

  const app = new Koa({ proxy: config.trustProxy });
  app.silent = true;
  app.use(requestMiddleware(services));
  app.use(
    cors({
      ...corsOptions(config.corsOrigins),
      allowHeaders: [
        'Content-Type',
        'Authorization',
        'X-API-Key',
        'X-Request-Id',
        'Apollo-Require-Preflight',
      ],
      exposeHeaders: [
        'X-Request-Id',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
        'Retry-After',
      ],
    }),
  );
  app.use(accessControl.rejectKeysInQuery);

  const router = new Router({ prefix: config.rootPath || undefined });
  router.get('/graphql', async (ctx, next) => {
    if (wantsPlayground(ctx.get('accept'), ctx.querystring))
      ctx.redirect(`${config.rootPath}/playground`);
    else await next();
  });
  router.all(
    '/graphql',
    graphqlUploadKoa({ maxFileSize: config.maxUploadBytes, maxFiles: 1 }),
    discardUnreadUploads,
    koaBody({
      json: true,
      multipart: false,
      urlencoded: false,
      text: false,
      jsonLimit: '1mb',
      includeUnparsed: true,
    }),
    operationCache.replay(),
    graphqlMiddleware(apollo, services),
  );
  // Registered after /graphql, whose handler ends the chain, so only REST routes count here.
  router.use(accessControl.restQuota);
  for (const routes of [
    healthRoutes(services),
    importRoutes(services),
    exportRoutes(services),
    playgroundRoutes(config.rootPath),
  ]) {
    router.use(routes.routes(), routes.allowedMethods());
  }
  app.use(router.routes());
  app.use(router.allowedMethods());

  const stop = async () => {
    await apollo.stop();
    await accessControl.stop();
    await dataSync.stop();
  };
  return { app, stop };
}

/** Starts listening; resolves once the port is bound. */
export function listen(app: Koa, port: number, host: string): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app.callback());
    server.keepAliveTimeout = 65_000;
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
