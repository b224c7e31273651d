import { PackCode } from '../../src/packs/pack.catalog';
import { authHeaders, createApiKey, postGraphQL } from '../support/accounts';
import { createUser, tokenForPack } from '../support/factories';
import { expectGraphQLError } from '../support/graphql';
import { startTestServer, TestServer } from '../support/server';

const KEY_FIELDS = 'id name prefix active status disabledAt owner { id email }';

describe('admin API key management', () => {
  let server: TestServer;
  let adminToken: string;

  beforeAll(async () => {
    server = await startTestServer();
    adminToken = await server.adminToken();
  });

  afterAll(async () => {
    await server.close();
  });

  const admin = <T = any>(query: string) => server.client({ token: adminToken }).request<T>(query);

  async function ownerWithKey(pack = PackCode.PRO) {
    const owner = await createUser(server, { pack });
    const token = await server.login(owner.email, owner.password);
    const key = await createApiKey(server, token, `Clé de ${owner.email}`);
    return { owner, token, ...key };
  }

  const meWithKey = (apiKey: string) =>
    postGraphQL(server, '{ me { id } }', {}, authHeaders({ apiKey }));

  async function latestAudit(userId: number): Promise<any> {
    const result = await admin(
      `{ auditLogs(filter: { targetUserId: ${userId} }, pageSize: 1) { items { action apiKeyId details } } }`,
    );
    return result.auditLogs.items[0];
  }

  describe('access', () => {
    it.each([
      ['apiKeys', '{ apiKeys { total } }'],
      ['apiKey', '{ apiKey(id: 1) { id } }'],
      ['enableApiKey', 'mutation { enableApiKey(id: 1) { id } }'],
      ['disableApiKey', 'mutation { disableApiKey(id: 1) { id } }'],
      ['deleteApiKey', 'mutation { deleteApiKey(id: 1) }'],
    ])('%s rejects anonymous callers and readers', async (_name, operation) => {
      const readerToken = await tokenForPack(server, PackCode.DEVELOPPEUR);

      await expectGraphQLError(server.client().request(operation), 'UNAUTHENTICATED');
      const error = await expectGraphQLError(
        server.client({ token: readerToken }).request(operation),
        'FORBIDDEN',
      );

      expect(error.extensions.reason).toBe('ROLE');
    });
  });

  describe('apiKeys', () => {
    it('lists the keys of every user with their owner, filtered by owner', async () => {
      const first = await ownerWithKey();
      await ownerWithKey();

      const all = await admin(`{ apiKeys(pageSize: 200) { total items { ${KEY_FIELDS} } } }`);
      const filtered = await admin(
        `{ apiKeys(filter: { userId: ${first.owner.id} }) { total items { ${KEY_FIELDS} } } }`,
      );

      expect(all.apiKeys.total).toBeGreaterThanOrEqual(2);
      expect(filtered.apiKeys.total).toBe(1);
      expect(filtered.apiKeys.items[0]).toMatchObject({
        id: first.id,
        active: true,
        status: 'ACTIVE',
        owner: { id: String(first.owner.id), email: first.owner.email },
      });
    });

    it('filters on the active flag', async () => {
      const disabled = await ownerWithKey();
      await admin(`mutation { disableApiKey(id: ${disabled.id}) { id } }`);

      const result = await admin(
        '{ apiKeys(filter: { active: false }, pageSize: 200) { items { id active } } }',
      );

      expect(result.apiKeys.items).toContainEqual({ id: disabled.id, active: false });
      expect(result.apiKeys.items.every((item: any) => item.active === false)).toBe(true);
    });
  });

  describe('apiKey', () => {
    it('returns one key with its owner', async () => {
      const { id, owner } = await ownerWithKey();

      const result = await admin(`{ apiKey(id: ${id}) { ${KEY_FIELDS} } }`);

      expect(result.apiKey.owner.email).toBe(owner.email);
    });

    it('returns NOT_FOUND for an unknown key', async () => {
      await expectGraphQLError(admin('{ apiKey(id: 999999) { id } }'), 'NOT_FOUND');
    });
  });

  describe('disableApiKey and enableApiKey', () => {
    it('disables a key at once and enables it again', async () => {
      const { id, key, owner } = await ownerWithKey();

      const disabled = await admin(`mutation { disableApiKey(id: ${id}) { ${KEY_FIELDS} } }`);
      const whileDisabled = await meWithKey(key);
      const disableAudit = await latestAudit(owner.id);
      const enabled = await admin(`mutation { enableApiKey(id: ${id}) { ${KEY_FIELDS} } }`);
      const afterEnable = await meWithKey(key);

      expect(disabled.disableApiKey).toMatchObject({ active: false, status: 'DISABLED' });
      expect(whileDisabled.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(disableAudit).toMatchObject({ action: 'API_KEY_DISABLED', apiKeyId: id });
      expect(enabled.enableApiKey).toMatchObject({
        active: true,
        status: 'ACTIVE',
        disabledAt: null,
      });
      expect(afterEnable.body.data.me.id).toBe(String(owner.id));
      expect((await latestAudit(owner.id)).action).toBe('API_KEY_ENABLED');
    });

    it('rejects enabling a revoked key', async () => {
      const { id, token } = await ownerWithKey();
      await server.client({ token }).request(`mutation { revokeApiKey(id: ${id}) { id } }`);

      await expectGraphQLError(admin(`mutation { enableApiKey(id: ${id}) { id } }`), 'CONFLICT');
    });
  });

  describe('deleteApiKey', () => {
    it('deletes a key, which then fails', async () => {
      const { id, key, owner } = await ownerWithKey();

      const result = await admin(`mutation { deleteApiKey(id: ${id}) }`);
      const after = await meWithKey(key);

      expect(result.deleteApiKey).toBe(true);
      expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(await latestAudit(owner.id)).toMatchObject({
        action: 'API_KEY_DELETED',
        apiKeyId: id,
        details: { prefix: expect.stringMatching(/^npp_/), name: `Clé de ${owner.email}` },
      });
      await expectGraphQLError(admin(`{ apiKey(id: ${id}) { id } }`), 'NOT_FOUND');
    });
  });
});
