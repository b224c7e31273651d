import { LoggerNamespace, MikroORM, Options } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sqlite';

import { MIGRATIONS } from '../../migrations';
import { DatabaseConfig, maskUrl } from '../core/config';
import type { Logger } from '../core/logger';
import { ENTITIES } from './entities';

/** The ORM with a SQL driver, so that `em` offers `getKnex()` on both databases. */
export type Orm = MikroORM<AbstractSqlDriver>;

interface SqliteConnectionHandle {
  exec(sql: string, callback: (error: Error | null) => void): void;
}

/**
 * SQLite settings applied to each new connection: WAL lets readers go on while an import
 * writes, and NORMAL synchronisation is durable enough in WAL mode.
 */
function prepareSqliteConnection(
  connection: SqliteConnectionHandle,
  done: (error: Error | null, connection: unknown) => void,
): void {
  connection.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;',
    (error) => done(error, connection),
  );
}

/** Builds the MikroORM options for a database URL; also used by `mikro-orm.config.ts`. */
export function buildOrmOptions(database: DatabaseConfig, logger?: Logger): Options {
  const common: Options = {
    entities: ENTITIES,
    extensions: [Migrator],
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: 'migrations',
      migrationsList: MIGRATIONS,
      transactional: true,
      snapshot: false,
    },
    debug: logger?.isLevelEnabled('debug') ? (['query'] as LoggerNamespace[]) : false,
    logger: (message: string) => logger?.debug({ component: 'orm' }, message),
    allowGlobalContext: false,
  };

  if (database.kind === 'postgresql') {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: database.url,
      pool: { min: 0, max: 10 },
    };
  }
  return {
    ...common,
    driver: SqliteDriver,
    dbName: database.sqlitePath,
    pool: { min: 1, max: 1, afterCreate: prepareSqliteConnection },
  } as Options;
}

/**
 * Connects and brings the schema up to date: PostgreSQL runs the migrations of
 * `migrations/`, SQLite gets the same tables from the entity metadata.
 */
export async function openDatabase(database: DatabaseConfig, logger: Logger): Promise<Orm> {
  const orm = (await MikroORM.init(buildOrmOptions(database, logger))) as Orm;
  if (database.kind === 'postgresql') {
    const applied = await orm.getMigrator().up();
    logger.info(
      { database: maskUrl(database.url), migrations: applied.length },
      'database migrated',
    );
  } else {
    await orm.schema.updateSchema({ safe: true });
    logger.info({ database: database.sqlitePath }, 'database schema ready');
  }
  return orm;
}
