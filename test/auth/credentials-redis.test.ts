import { PackCode } from '../../src/packs/pack.catalog';
import { authHeaders, createApiKey, postGraphQL } from '../support/accounts';
import { createUser } from '../support/factories';
import { DEFAULT_REDIS_URL, describeIfRedisAnswers, nextRemoteChange } from '../support/redis';
import { startTestServer, TestServer } from '../support/server';

const REDIS_URL = process.env.REDIS_URL_TEST ?? DEFAULT_REDIS_URL;
const describeWithRedis = describeIfRedisAnswers(REDIS_URL, 'the cross-process access tests');

const ME = '{ me { id } }';

describeWithRedis('credentials across processes', () => {
  let first: TestServer;
  let second: TestServer;
  let adminOnFirst: Record<string, string>;

  beforeAll(async () => {
    first = await startTestServer({ REDIS_URL });
    second = await startTestServer({ REDIS_URL, DATABASE_URL: first.database.url });
    adminOnFirst = authHeaders({ token: await first.adminToken() });
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('rejects a disabled account everywhere', async () => {
    const user = await createUser(first, { pack: PackCode.PRO });
    const headers = authHeaders({ token: await first.login(user.email, user.password) });
    const before = await postGraphQL(second, ME, {}, headers);
    const received = nextRemoteChange(second.services.accessGeneration);

    await postGraphQL(
      first,
      'mutation ($id: ID!) { deactivateUser(id: $id) { status } }',
      { id: String(user.id) },
      adminOnFirst,
    );
    await received;
    const after = await postGraphQL(second, ME, {}, headers);

    expect(before.body.data.me.id).toBe(String(user.id));
    expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('rejects a revoked key everywhere', async () => {
    const user = await createUser(first, { pack: PackCode.PRO });
    const token = await first.login(user.email, user.password);
    const apiKey = await createApiKey(first, token);
    const keyHeaders = authHeaders({ apiKey: apiKey.key });
    const before = await postGraphQL(second, ME, {}, keyHeaders);
    const received = nextRemoteChange(second.services.accessGeneration);

    await postGraphQL(
      first,
      'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }',
      { id: apiKey.id },
      authHeaders({ token }),
    );
    await received;
    const after = await postGraphQL(second, ME, {}, keyHeaders);

    expect(before.body.data.me.id).toBe(String(user.id));
    expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
