import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

/** A database made for one test file, and how to throw it away. */
export interface TestDatabase {
  url: string;
  kind: 'sqlite' | 'postgresql';
  drop(): Promise<void>;
}

/** The PostgreSQL server used when `TEST_DATABASE_URL` is set; SQLite otherwise. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? '';

export function usingPostgres(): boolean {
  return POSTGRES_URL.startsWith('postgres');
}

/**
 * Creates an empty database: a fresh SQLite file, or a new PostgreSQL database on the
 * server of `TEST_DATABASE_URL` (its own database per test file, dropped afterwards).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!usingPostgres()) {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'npp-test-'));
    return {
      url: `sqlite:${path.join(folder, 'npp.sqlite')}`,
      kind: 'sqlite',
      drop: async () => rmSync(folder, { recursive: true, force: true }),
    };
  }

  const name = `npp_test_${randomBytes(6).toString('hex')}`;
  const admin = new URL(POSTGRES_URL);
  admin.pathname = '/postgres';
  await withClient(admin.toString(), (client) => client.query(`create database ${name}`));
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: 'postgresql',
    drop: () =>
      withClient(admin.toString(), (client) =>
        client.query(`drop database if exists ${name} with (force)`),
      ).then(() => undefined),
  };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
