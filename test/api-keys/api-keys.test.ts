import { createHash } from 'node:crypto';

import { Role } from '../../src/auth/user.entity';
import { parseDatabaseUrl } from '../../src/core/config';
import { createLogger } from '../../src/core/logger';
import { openDatabase } from '../../src/db/orm';
import { PackCode } from '../../src/packs/pack.catalog';
import {
  authHeaders,
  createApiKey,
  postGraphQL,
  queryRows,
  restRequest,
} from '../support/accounts';
import { createUser, tokenForPack } from '../support/factories';
import { expectGraphQLError } from '../support/graphql';
import { startTestServer, TestServer } from '../support/server';

const CREATE = `mutation ($name: String!) {
  createApiKey(name: $name) { key apiKey { id name prefix active status } }
}`;
const MY_KEYS = '{ myApiKeys { id name prefix active status useCount lastUsedAt revokedAt } }';
const REVOKE = 'mutation ($id: ID!) { revokeApiKey(id: $id) { id active status revokedAt } }';
const ME = '{ me { id } }';

describe('API keys', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  async function keyOf(token: string): Promise<string> {
    return (await createApiKey(server, token)).key;
  }

  const withKey = (apiKey: string, query = ME) =>
    postGraphQL(server, query, {}, authHeaders({ apiKey }));

  describe('createApiKey', () => {
    it('rejects anonymous callers', async () => {
      await expectGraphQLError(server.client().request(CREATE, { name: 'x' }), 'UNAUTHENTICATED');
    });

    it('returns the secret once, and stores only its SHA-256 and prefix', async () => {
      const token = await tokenForPack(server, PackCode.PRO);

      const result = await server.client({ token }).request<any>(CREATE, { name: ' Officine ' });

      const { key, apiKey } = result.createApiKey;
      const [row] = await queryRows<Record<string, unknown>>(
        server,
        'select * from api_key where id = ?',
        [Number(apiKey.id)],
      );
      expect(key).toMatch(/^npp_[A-Za-z0-9_-]{43}$/);
      expect(apiKey).toEqual({
        id: expect.any(String),
        name: 'Officine',
        prefix: key.slice(0, 12),
        active: true,
        status: 'ACTIVE',
      });
      expect(row.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
      expect(Object.values(row)).not.toContain(key);
    });

    it('rejects an empty name', async () => {
      const token = await tokenForPack(server, PackCode.PRO);

      const error = await expectGraphQLError(
        server.client({ token }).request(CREATE, { name: '   ' }),
        'BAD_USER_INPUT',
      );

      expect(error.extensions.field).toBe('name');
    });

    it.each([
      [PackCode.FREE, 1],
      [PackCode.PRO, 3],
      [PackCode.INSTITUTIONNEL, 5],
      [PackCode.DEVELOPPEUR, 10],
    ])('allows %s %i active keys and rejects one more with PACK_LIMIT', async (pack, limit) => {
      const token = await tokenForPack(server, pack);
      for (let index = 0; index < limit; index += 1) await keyOf(token);

      const error = await expectGraphQLError(
        server.client({ token }).request(CREATE, { name: 'une de trop' }),
        'FORBIDDEN',
      );

      expect(error.extensions.reason).toBe('PACK_LIMIT');
      expect(error.extensions.limit).toBe(limit);
    });

    it('gives the slot of a revoked key back', async () => {
      const token = await tokenForPack(server, PackCode.FREE);
      const first = await createApiKey(server, token);
      await server.client({ token }).request(REVOKE, { id: first.id });

      const second = await createApiKey(server, token);

      expect(second.key).not.toBe(first.key);
    });

    it('keeps extra keys after a downgrade but rejects new ones', async () => {
      const owner = await createUser(server, { pack: PackCode.PRO });
      const token = await server.login(owner.email, owner.password);
      const keys = [await keyOf(token), await keyOf(token), await keyOf(token)];

      await server
        .client({ token: await server.adminToken() })
        .request(`mutation { changeUserPack(id: ${owner.id}, pack: FREE) { id } }`);
      const results = await Promise.all(keys.map((key) => withKey(key)));
      const error = await expectGraphQLError(
        server.client({ token }).request(CREATE, { name: 'après' }),
        'FORBIDDEN',
      );

      expect(results.map((result) => result.body.data?.me.id)).toEqual(
        keys.map(() => String(owner.id)),
      );
      expect(error.extensions.reason).toBe('PACK_LIMIT');
    });
  });

  describe('myApiKeys', () => {
    it('rejects anonymous callers', async () => {
      await expectGraphQLError(server.client().request(MY_KEYS), 'UNAUTHENTICATED');
    });

    it('lists only the caller keys, without their secret', async () => {
      const token = await tokenForPack(server, PackCode.PRO);
      const other = await tokenForPack(server, PackCode.PRO);
      const mine = await createApiKey(server, token, 'Mienne');
      await createApiKey(server, other, 'Autre');

      const result = await postGraphQL(server, MY_KEYS, {}, authHeaders({ token }));

      expect(result.body.data.myApiKeys.map((key: any) => key.name)).toEqual(['Mienne']);
      expect(JSON.stringify(result.body)).not.toContain(mine.key);
    });
  });

  describe('revokeApiKey', () => {
    it('rejects anonymous callers', async () => {
      await expectGraphQLError(server.client().request(REVOKE, { id: '1' }), 'UNAUTHENTICATED');
    });

    it("returns NOT_FOUND for another user's key", async () => {
      const owner = await tokenForPack(server, PackCode.PRO);
      const other = await tokenForPack(server, PackCode.PRO);
      const { id } = await createApiKey(server, owner);

      await expectGraphQLError(
        server.client({ token: other }).request(REVOKE, { id }),
        'NOT_FOUND',
      );
    });

    it('revokes the key for good, effective on the next request', async () => {
      const token = await tokenForPack(server, PackCode.PRO);
      const { key, id } = await createApiKey(server, token);
      const before = await withKey(key);

      const result = await server.client({ token }).request<any>(REVOKE, { id });
      const after = await withKey(key);

      expect(before.body.data.me).toBeTruthy();
      expect(result.revokeApiKey).toMatchObject({ active: false, status: 'REVOKED' });
      expect(result.revokeApiKey.revokedAt).not.toBeNull();
      expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('X-API-Key', () => {
    it('authenticates GraphQL requests as the key owner', async () => {
      const owner = await createUser(server, { pack: PackCode.PRO });
      const token = await server.login(owner.email, owner.password);
      const key = await keyOf(token);

      const result = await withKey(key);

      expect(result.body.data.me.id).toBe(String(owner.id));
    });

    it('authenticates REST requests with the owner role', async () => {
      const admin = await createUser(server, { role: Role.ADMIN });
      const adminKey = await keyOf(await server.login(admin.email, admin.password));
      const readerKey = await keyOf(await tokenForPack(server, PackCode.PRO));
      const preview = (headers: Record<string, string>) =>
        restRequest(server, '/import/sheets/preview', { method: 'POST', headers });

      const asAdmin = await preview(authHeaders({ apiKey: adminKey }));
      const asReader = await preview(authHeaders({ apiKey: readerKey }));
      const anonymous = await preview({});

      // The admin gets past authorisation and fails on the missing file.
      expect(asAdmin.body.code).toBe('BAD_USER_INPUT');
      expect(asReader.status).toBe(403);
      expect(anonymous.status).toBe(401);
    });

    it.each([
      ['an unknown key', `npp_${'A'.repeat(43)}`],
      ['a malformed key', 'not-a-key'],
    ])('rejects %s with UNAUTHENTICATED', async (_label, key) => {
      const graphql = await withKey(key);
      const rest = await restRequest(server, '/import/sheets/preview', {
        method: 'POST',
        headers: authHeaders({ apiKey: key }),
      });

      expect(graphql.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(rest.status).toBe(401);
      expect(rest.body.code).toBe('UNAUTHENTICATED');
    });

    it.each(['api_key', 'apiKey', 'API-KEY'])('rejects a key sent as ?%s=', async (parameter) => {
      const key = await keyOf(await tokenForPack(server, PackCode.PRO));
      const search = `?${parameter}=${key}`;

      const graphql = await postGraphQL(server, ME, {}, {}, search);
      const rest = await restRequest(server, `/health${search}`);

      expect(graphql.status).toBe(400);
      expect(graphql.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(graphql.body.errors[0].message).toMatch(/X-API-Key/);
      expect(rest.status).toBe(400);
      expect(rest.body.code).toBe('BAD_USER_INPUT');
    });

    it('records uses in batches', async () => {
      const token = await tokenForPack(server, PackCode.PRO);
      const { key, id } = await createApiKey(server, token);
      await server.services.apiKeyUsage.flush();

      await withKey(key);
      await withKey(key);
      await withKey(key);
      const [beforeFlush] = await queryRows<any>(
        server,
        'select use_count from api_key where id = ?',
        [Number(id)],
      );
      await server.services.apiKeyUsage.flush();
      const listed = await server.client({ token }).request<any>(MY_KEYS);

      expect(Number(beforeFlush.use_count)).toBe(0);
      expect(listed.myApiKeys[0].useCount).toBe(3);
      expect(listed.myApiKeys[0].lastUsedAt).not.toBeNull();
    });
  });
});

describe('API key usage at stop', () => {
  it('is written when the server stops', async () => {
    const server = await startTestServer();
    const token = await tokenForPack(server, PackCode.PRO);
    const { key, id } = await createApiKey(server, token);
    await postGraphQL(server, ME, {}, authHeaders({ apiKey: key }));
    await postGraphQL(server, ME, {}, authHeaders({ apiKey: key }));

    await server.stop();
    const orm = await openDatabase(parseDatabaseUrl(server.database.url), createLogger('silent'));
    const row = await orm.em
      .getKnex()('api_key')
      .select('use_count', 'last_used_at')
      .where('id', Number(id))
      .first();
    await orm.close();
    await server.database.drop();

    expect(Number(row.use_count)).toBe(2);
    expect(row.last_used_at).not.toBeNull();
  });
});
