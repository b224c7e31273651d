import argon2 from 'argon2';

import { needsRehash } from '../../src/auth/password';
import { User, UserStatus } from '../../src/auth/user.entity';
import { authHeaders, createApiKey, loadUser, postGraphQL } from '../support/accounts';
import { createUser } from '../support/factories';
import { expectGraphQLError } from '../support/graphql';
import { startTestServer, TestServer } from '../support/server';

const LOGIN =
  'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken user { id } } }';

const INACTIVE = [UserStatus.PENDING, UserStatus.REJECTED, UserStatus.DISABLED, UserStatus.DELETED];

describe('login', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  const login = (email: string, password: string) =>
    server.client().request<any>(LOGIN, { email, password });

  async function setStatus(id: number, status: UserStatus): Promise<void> {
    await server.services.orm.em.fork().nativeUpdate(User, { id }, { status });
  }

  it('logs an active user in, whatever the case of the email', async () => {
    const user = await createUser(server);

    const result = await login(`  ${user.email.toUpperCase()} `, user.password);

    expect(result.login.user.id).toBe(String(user.id));
    expect(result.login.accessToken.split('.')).toHaveLength(3);
  });

  it('gives an unknown email and a wrong password the same error', async () => {
    const user = await createUser(server);

    const unknown = await expectGraphQLError(
      login('nobody@npp.test', 'whatever-password'),
      'UNAUTHENTICATED',
    );
    const wrong = await expectGraphQLError(login(user.email, 'wrong-password'), 'UNAUTHENTICATED');

    expect(wrong.message).toBe(unknown.message);
    expect(wrong.extensions).toEqual(unknown.extensions);
  });

  describe.each(INACTIVE)('a %s account', (status) => {
    it('gets ACCOUNT_NOT_ACTIVE with the right password', async () => {
      const user = await createUser(server, { status });

      const error = await expectGraphQLError(login(user.email, user.password), 'FORBIDDEN');

      expect(error.extensions.reason).toBe('ACCOUNT_NOT_ACTIVE');
      expect(error.extensions.status).toBe(status);
    });

    it('gets the unknown-email error with a wrong password', async () => {
      const user = await createUser(server, { status });

      const error = await expectGraphQLError(
        login(user.email, 'wrong-password'),
        'UNAUTHENTICATED',
      );
      const unknown = await expectGraphQLError(
        login('nobody@npp.test', 'wrong-password'),
        'UNAUTHENTICATED',
      );

      expect(error.message).toBe(unknown.message);
      expect(error.extensions.reason).toBeUndefined();
    });

    it('has its API keys rejected with UNAUTHENTICATED', async () => {
      const user = await createUser(server);
      const token = await server.login(user.email, user.password);
      const { key } = await createApiKey(server, token);
      await setStatus(user.id, status);

      const result = await postGraphQL(server, '{ me { id } }', {}, authHeaders({ apiKey: key }));

      expect(result.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(result.body.data).toBeNull();
    });
  });

  it('upgrades a weaker stored hash at the next login', async () => {
    const user = await createUser(server);
    const weakHash = await argon2.hash(user.password, {
      type: argon2.argon2id,
      memoryCost: 4096,
      timeCost: 1,
      parallelism: 1,
    });
    await server.services.orm.em
      .fork()
      .nativeUpdate(User, { id: user.id }, { passwordHash: weakHash });

    await login(user.email, user.password);
    const stored = (await loadUser(server, user.id)).passwordHash;

    expect(needsRehash(weakHash)).toBe(true);
    expect(stored).not.toBe(weakHash);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await argon2.verify(stored, user.password)).toBe(true);
  });
});
