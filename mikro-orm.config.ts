import 'reflect-metadata';

import { loadConfig } from './src/core/config';
import { buildOrmOptions } from './src/db/orm';

/**
 * Configuration for the MikroORM CLI (`npx mikro-orm migration:create`), read from the same
 * `DATABASE_URL` as the app. New migrations must be added to `migrations/index.ts`.
 */
const options = buildOrmOptions(loadConfig().database);
export default {
  ...options,
  migrations: { ...options.migrations, path: 'migrations', pathTs: 'migrations', emit: 'ts' },
};
