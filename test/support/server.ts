import 'reflect-metadata';

import { createHash } from 'node:crypto';

import { GraphQLClient } from 'graphql-request';

import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/logger';
import { RunningServer, startServer } from '../../src/http/server';
import { createTestDatabase, TestDatabase } from './database';

export const ADMIN_EMAIL = 'admin@npp.test';
export const ADMIN_PASSWORD = 'admin-password-1234';

/** The real July 2025 workbook, read from the shared data folder beside the repository. */
export const REAL_WORKBOOK =
  process.env.NPP_WORKBOOK ?? `${__dirname}/../../../shared/data/nomenclature-2025-07.xlsx`;

export interface TestServer extends RunningServer {
  database: TestDatabase;
  graphqlUrl: string;
  /** A graphql-request client, signed in with a bearer token or an API key when given. */
  client(credentials?: { token?: string; apiKey?: string }): GraphQLClient;
  /** Logs in and returns the access token. */
  login(email: string, password: string): Promise<string>;
  adminToken(): Promise<string>;
  close(): Promise<void>;
}

/** Starts the real server on a free port of 127.0.0.1, on a new empty database. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  // Servers on one database share Redis keys, as the instances of one deployment do. Other
  // test runs on the same Redis get other keys, so their spent login limits do not carry over.
  const databaseUrl = env.DATABASE_URL ?? database.url;
  const redisKeyPrefix = `npp-test-${createHash('sha256').update(databaseUrl).digest('hex').slice(0, 16)}`;
  const config = loadConfig({
    REDIS_KEY_PREFIX: redisKeyPrefix,
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    SECRET_KEY: 'test-secret-key-that-is-long-enough-1234',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const running = await startServer(config, createLogger(config.logLevel));
  const graphqlUrl = `${running.url}/graphql`;

  const client = (credentials: { token?: string; apiKey?: string } = {}) => {
    const headers: Record<string, string> = {};
    if (credentials.token) headers.authorization = `Bearer ${credentials.token}`;
    if (credentials.apiKey) headers['x-api-key'] = credentials.apiKey;
    return new GraphQLClient(graphqlUrl, { headers });
  };
  const login = async (email: string, password: string) => {
    const result = await client().request<{ login: { accessToken: string } }>(
      'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
      { email, password },
    );
    return result.login.accessToken;
  };
  let adminToken: Promise<string> | null = null;

  return {
    ...running,
    database,
    graphqlUrl,
    client,
    login,
    adminToken: () => (adminToken ??= login(ADMIN_EMAIL, ADMIN_PASSWORD)),
    close: async () => {
      await running.stop();
      await database.drop();
    },
  };
}
