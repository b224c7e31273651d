import { createHash } from 'node:crypto';

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
    const updated = await prepareSqliteSchema(orm);
    logger.info({ database: database.sqlitePath, updated }, 'database schema ready');
  }
  return orm;
}

const SCHEMA_STATE_TABLE = 'npp_schema_state';

/**
 * Brings a SQLite database to the entities' schema, only when the entities changed since the
 * last start. MikroORM 6.6 misreads SQLite check constraints of enums with three or more
 * values, so an unconditional update would rebuild those tables (copying every row) at each
 * start. The SHA-256 of the create-schema SQL shows whether anything changed. Foreign keys are
 * off during the update so that a table rebuild cannot cascade deletes. Returns whether the
 * schema was updated.
 */
async function prepareSqliteSchema(orm: Orm): Promise<boolean> {
  const knex = orm.em.getKnex();
  const expected = createHash('sha256')
    .update(await orm.schema.getCreateSchemaSQL())
    .digest('hex');
  await knex.raw(
    `create table if not exists ${SCHEMA_STATE_TABLE} (id integer primary key, schema_hash text not null)`,
  );
  const stored = await knex(SCHEMA_STATE_TABLE).where('id', 1).first();
  if (stored?.schema_hash === expected) return false;

  await knex.raw('PRAGMA foreign_keys = OFF');
  try {
    await orm.schema.updateSchema({ safe: true });
  } finally {
    await knex.raw('PRAGMA foreign_keys = ON');
  }
  await knex(SCHEMA_STATE_TABLE).insert({ id: 1, schema_hash: expected }).onConflict('id').merge();
  return true;
}
