import { User } from '../../src/auth/user.entity';
import { UsagePeriod } from '../../src/packs/periods';
import { rowsOf } from '../../src/packs/usage-store';
import type { TestServer } from './server';

/** An HTTP response as a client sees it: status, headers and parsed JSON body. */
export interface HttpResult {
  status: number;
  headers: Headers;
  body: any;
}

/** Credentials as request headers. */
export function authHeaders(credentials: { token?: string; apiKey?: string } = {}) {
  const headers: Record<string, string> = {};
  if (credentials.token) headers.authorization = `Bearer ${credentials.token}`;
  if (credentials.apiKey) headers['x-api-key'] = credentials.apiKey;
  return headers;
}

/** POSTs a GraphQL operation with fetch, so that tests can read the status and headers. */
export async function postGraphQL(
  server: TestServer,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  search = '',
): Promise<HttpResult> {
  const response = await fetch(`${server.graphqlUrl}${search}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** Sends a REST request and parses its JSON body. */
export async function restRequest(
  server: TestServer,
  path: string,
  init: RequestInit = {},
): Promise<HttpResult> {
  const response = await fetch(`${server.url}${path}`, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : null,
  };
}

/** Creates an API key through GraphQL for the owner of `token`. */
export async function createApiKey(
  server: TestServer,
  token: string,
  name = 'Clé de test',
): Promise<{ key: string; id: string }> {
  const result = await server.client({ token }).request<{
    createApiKey: { key: string; apiKey: { id: string } };
  }>('mutation ($name: String!) { createApiKey(name: $name) { key apiKey { id } } }', { name });
  return { key: result.createApiKey.key, id: result.createApiKey.apiKey.id };
}

/** Writes a usage counter row straight into the database. */
export async function setUsageCounter(
  server: TestServer,
  userId: number,
  period: UsagePeriod,
  start: string,
  count: number,
): Promise<void> {
  const knex = server.services.orm.em.getKnex();
  await knex('usage_counter')
    .insert({ user_id: userId, period, period_start: start, count })
    .onConflict(['user_id', 'period', 'period_start'])
    .merge({ count });
}

/** Reads a usage counter row; 0 when the row does not exist. */
export async function readUsageCounter(
  server: TestServer,
  userId: number,
  period: UsagePeriod,
  start: string,
): Promise<number> {
  const knex = server.services.orm.em.getKnex();
  const row = await knex('usage_counter')
    .select('count')
    .where({ user_id: userId, period, period_start: start })
    .first();
  return Number(row?.count ?? 0);
}

/** Reads a user from the database with a fresh EntityManager. */
export async function loadUser(server: TestServer, id: number): Promise<User> {
  return server.services.orm.em.fork().findOneOrFail(User, id);
}

/** Runs a SQL query on the test server's database and returns its rows. */
export async function queryRows<T>(server: TestServer, sql: string, bindings: unknown[] = []) {
  const result = await server.services.orm.em.getKnex().raw(sql, bindings as never[]);
  return rowsOf<T>(result);
}
