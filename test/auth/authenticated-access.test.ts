import { UserStatus } from '../../src/auth/user.entity';
import { authHeaders, createApiKey, postGraphQL } from '../support/accounts';
import { createUser } from '../support/factories';
import { startTestServer, TestServer } from '../support/server';

/**
 * One call of every operation open to any signed-in user. They have no role or pack
 * condition, so the wrong-credential cases are a revoked key and an inactive account.
 */
const SIGNED_IN_OPERATIONS: [string, string][] = [
  ['me', '{ me { id } }'],
  ['myPack', '{ myPack { code } }'],
  ['myUsage', '{ myUsage { today } }'],
  ['myApiKeys', '{ myApiKeys { id } }'],
  ['createApiKey', 'mutation { createApiKey(name: "x") { key } }'],
  ['revokeApiKey', 'mutation { revokeApiKey(id: 1) { id } }'],
  ['updateMe', 'mutation { updateMe(input: { fullName: "x" }) { id } }'],
  [
    'changePassword',
    'mutation { changePassword(currentPassword: "a", newPassword: "bbbbbbbb") { accessToken } }',
  ],
  ['deleteMyAccount', 'mutation { deleteMyAccount(password: "a") }'],
];

describe('signed-in operations access', () => {
  let server: TestServer;
  let revokedKey: string;
  let disabledToken: string;

  beforeAll(async () => {
    server = await startTestServer();

    const keyOwner = await createUser(server);
    const ownerToken = await server.login(keyOwner.email, keyOwner.password);
    const created = await createApiKey(server, ownerToken);
    await server
      .client({ token: ownerToken })
      .request(`mutation { revokeApiKey(id: ${created.id}) { id } }`);
    revokedKey = created.key;

    const disabled = await createUser(server);
    disabledToken = await server.login(disabled.email, disabled.password);
    await server
      .client({ token: await server.adminToken() })
      .request(
        `mutation { updateUser(id: ${disabled.id}, input: { status: ${UserStatus.DISABLED} }) { id } }`,
      );
  });

  afterAll(async () => {
    await server.close();
  });

  const codeOf = async (query: string, headers: Record<string, string>) => {
    const result = await postGraphQL(server, query, {}, headers);
    return result.body.errors?.[0]?.extensions?.code;
  };

  describe.each(SIGNED_IN_OPERATIONS)('%s', (_name, operation) => {
    it('rejects anonymous callers', async () => {
      expect(await codeOf(operation, {})).toBe('UNAUTHENTICATED');
    });

    it('rejects a revoked API key', async () => {
      expect(await codeOf(operation, authHeaders({ apiKey: revokedKey }))).toBe('UNAUTHENTICATED');
    });

    it('rejects the token of a disabled account', async () => {
      expect(await codeOf(operation, authHeaders({ token: disabledToken }))).toBe(
        'UNAUTHENTICATED',
      );
    });
  });
});
