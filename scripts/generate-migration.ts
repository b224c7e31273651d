import 'reflect-metadata';

import { randomBytes } from 'node:crypto';
import path from 'node:path';

import { MikroORM } from '@mikro-orm/core';
import { Client } from 'pg';

import { parseDatabaseUrl } from '../src/core/config';
import { buildOrmOptions } from '../src/db/orm';

/**
 * Writes a new PostgreSQL migration with what the entities add to the existing migrations.
 * It works on a scratch database of the server named by MIGRATION_DATABASE_URL (default:
 * the local server), applies the migrations listed in `migrations/index.ts`, diffs the
 * entities against the result, and drops the scratch database. Add the new class to
 * `migrations/index.ts` afterwards.
 */
async function run(): Promise<void> {
  const server =
    process.env.MIGRATION_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `npp_migration_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(server);
    url.pathname = `/${name}`;
    const options = buildOrmOptions(parseDatabaseUrl(url.toString()));
    const orm = await MikroORM.init({
      ...options,
      migrations: {
        ...options.migrations,
        path: path.resolve(__dirname, '../migrations'),
        emit: 'ts',
      },
    });
    try {
      await orm.getMigrator().up();
      const result = await orm
        .getMigrator()
        .createMigration(path.resolve(__dirname, '../migrations'), false, false, process.argv[2]);
      process.stdout.write(
        result.fileName ? `Wrote migrations/${result.fileName}\n` : 'No schema change.\n',
      );
    } finally {
      await orm.close();
    }
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

run().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
