import { clock } from '../../src/core/clock';
import { PackCode } from '../../src/packs/pack.catalog';
import { authHeaders, postGraphQL } from '../support/accounts';
import { createUser } from '../support/factories';
import { startServerWithRealWorkbook } from '../support/nomenclature';
import type { TestServer } from '../support/server';
import { countSql } from '../support/sql-counter';

const LIST = `query CachedList($pageSize: Int) {
  medicaments(pageSize: $pageSize) { total items { id nomMarque dci } }
}`;

/** Raw POST, to compare bodies byte for byte and send any header. */
async function post(server: TestServer, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('operation cache', () => {
  let server: TestServer;
  let adminHeaders: Record<string, string>;

  beforeAll(async () => {
    server = await startServerWithRealWorkbook();
    adminHeaders = authHeaders({ token: await server.adminToken() });
  });

  afterAll(async () => {
    await server.close();
    clock.reset();
  });

  it('replays a read without SQL', async () => {
    const body = JSON.stringify({ query: LIST, variables: { pageSize: 3 } });
    const first = await post(server, body, adminHeaders);
    const counter = countSql(server, /\bmedicament\b/i);

    const second = await post(server, body, adminHeaders);
    counter.stop();

    expect(first.status).toBe(200);
    expect(JSON.parse(first.text).data.medicaments.items).toHaveLength(3);
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(counter.statements).toEqual([]);
  });

  it('keeps the negotiated content type', async () => {
    const body = JSON.stringify({ query: '{ versions { version } }' });
    const headers = { ...adminHeaders, accept: 'application/graphql-response+json' };

    await post(server, body, headers);
    const replayed = await post(server, body, headers);
    const plain = await post(server, body, adminHeaders);

    expect(replayed.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('counts replays against the quota', async () => {
    clock.set('2025-03-14T10:00:00Z');
    const user = await createUser(server, { pack: PackCode.FREE });
    const headers = authHeaders({ token: await server.login(user.email, user.password) });
    const body = JSON.stringify({ query: LIST, variables: { pageSize: 2 } });

    const answers = [];
    for (let attempt = 0; attempt < 3; attempt += 1)
      answers.push(await post(server, body, headers));

    const remaining = answers.map((answer) => JSON.parse(answer.text).extensions.quota.remaining);
    expect(remaining).toEqual([99, 98, 97]);
    expect(answers.map((answer) => answer.headers.get('x-ratelimit-remaining'))).toEqual([
      '99',
      '98',
      '97',
    ]);
    const items = answers.map((answer) => JSON.parse(answer.text).data.medicaments.items);
    expect(items[2]).toEqual(items[0]);
  });

  it('returns 429 once the quota is spent', async () => {
    clock.set('2025-03-15T10:00:00Z');
    const user = await createUser(server, { pack: PackCode.FREE });
    const headers = authHeaders({ token: await server.login(user.email, user.password) });
    const body = JSON.stringify({ query: LIST, variables: { pageSize: 1 } });
    await post(server, body, headers);
    const knex = server.services.orm.em.getKnex();
    await knex('usage_counter').where({ user_id: user.id }).update({ count: 100 });

    const rejected = await post(server, body, headers);

    expect(rejected.status).toBe(429);
    expect(JSON.parse(rejected.text).errors[0].extensions.code).toBe('QUOTA_EXCEEDED');
  });

  it('separates callers by visible fields', async () => {
    clock.set('2025-03-16T10:00:00Z');
    const query = '{ medicaments(pageSize: 1, filter: { paysLaboratoire: "ALGERIE" }) { total } }';
    const user = await createUser(server, { pack: PackCode.FREE });
    const freeHeaders = authHeaders({ token: await server.login(user.email, user.password) });

    const admin = await postGraphQL(server, query, {}, adminHeaders);
    const free = await postGraphQL(server, query, {}, freeHeaders);

    expect(admin.body.errors).toBeUndefined();
    expect(free.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('stops replaying once the data changes', async () => {
    const body = JSON.stringify({ query: LIST, variables: { pageSize: 1 } });
    const before = JSON.parse((await post(server, body, adminHeaders)).text).data.medicaments;
    await postGraphQL(
      server,
      'mutation ($id: ID!) { deleteMedicament(id: $id) { id } }',
      { id: before.items[0].id },
      adminHeaders,
    );

    const after = JSON.parse((await post(server, body, adminHeaders)).text).data.medicaments;

    expect(after.total).toBe(before.total - 1);
    expect(after.items[0].id).not.toBe(before.items[0].id);
  });

  it('rejects a disabled account at once', async () => {
    const user = await createUser(server, { pack: PackCode.PRO });
    const headers = authHeaders({ token: await server.login(user.email, user.password) });
    const body = JSON.stringify({ query: LIST, variables: { pageSize: 1 } });
    expect((await post(server, body, headers)).status).toBe(200);

    const disabled = await postGraphQL(
      server,
      'mutation ($id: ID!) { deactivateUser(id: $id) { status } }',
      { id: String(user.id) },
      adminHeaders,
    );
    const rejected = JSON.parse((await post(server, body, headers)).text);

    expect(disabled.body.errors).toBeUndefined();
    expect(rejected.data ?? null).toBeNull();
    expect(rejected.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
