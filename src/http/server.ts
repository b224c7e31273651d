import type http from 'node:http';
import type { AddressInfo } from 'node:net';

import { AppConfig } from '../core/config';
import { createLogger, Logger } from '../core/logger';
import { openDatabase } from '../db/orm';
import { buildApp, listen } from './app';
import { createServices, Services } from './services';

/** How often a stopping server closes the connections that have become idle. */
const IDLE_SWEEP_MS = 100;

export interface RunningServer {
  /** Base URL, ROOT_PATH included, such as `http://127.0.0.1:8000`. */
  url: string;
  server: http.Server;
  services: Services;
  /** Stops accepting requests, waits for those in flight, then closes the database. */
  stop(): Promise<void>;
}

/** Opens the database, creates the first admin, and serves the API. Used by main and tests. */
export async function startServer(
  config: AppConfig,
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  const orm = await openDatabase(config.database, logger);
  const services = createServices(config, logger, orm);
  if (config.adminFromDefaults) {
    logger.warn(
      { email: config.adminEmail },
      'ADMIN_EMAIL and ADMIN_PASSWORD are unset: using the development admin',
    );
  }
  if (config.adminEmail) {
    await services.auth.ensureAdmin(orm.em.fork(), config.adminEmail, config.adminPassword);
  }

  const built = await buildApp(services);
  const server = await listen(built.app, config.port, config.host);
  // A client that sends headers or a body slower than this is cut off, so that slow uploads
  // cannot hold connections for Node's default of five minutes.
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${port}${config.rootPath}`;
  logger.info(
    { url, database: config.database.kind, appVersion: config.appVersion },
    'server started',
  );

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await new Promise<void>((resolve) => {
        // A keep-alive connection whose request ends after close() would otherwise stay
        // open until keepAliveTimeout (65 s), so idle ones are closed until none is left.
        const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
        server.close(() => {
          clearInterval(sweep);
          resolve();
        });
        server.closeIdleConnections();
      });
      await built.stop();
      await orm.close();
      logger.info('server stopped');
    })();
    return stopping;
  };
  return { url, server, services, stop };
}
