import { UserStatus } from '../../src/auth/user.entity';
import { ApiKey } from '../../src/api-keys/api-key.entity';
import { MailOutbox } from '../../src/mail/mail-outbox.entity';
import { authHeaders, createApiKey, loadUser, postGraphQL } from '../support/accounts';
import { createUser } from '../support/factories';
import { expectGraphQLError } from '../support/graphql';
import { startTestServer, TestServer } from '../support/server';

const SIGNUP = `mutation ($input: SignupInput!) {
  signup(input: $input) { id email fullName phone organisation pack status role }
}`;
const UPDATE_ME =
  'mutation ($input: UpdateMeInput!) { updateMe(input: $input) { fullName phone organisation } }';
const CHANGE_PASSWORD = `mutation ($current: String!, $next: String!) {
  changePassword(currentPassword: $current, newPassword: $next) { accessToken user { id } }
}`;
const DELETE = 'mutation ($password: String!) { deleteMyAccount(password: $password) }';

function signupInput(overrides: Record<string, unknown> = {}) {
  return {
    email: `pharmacie-${Math.random().toString(36).slice(2)}@example.dz`,
    password: 'mot-de-passe-solide',
    fullName: 'Amina Benali',
    phone: '+213 21 00 00 00',
    organisation: 'Pharmacie du Centre',
    pack: 'PRO',
    ...overrides,
  };
}

describe('accounts', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  describe('signup', () => {
    it('creates a PENDING account with the requested pack and a normalised email', async () => {
      const input = signupInput({ email: '  Nouveau.Compte@Example.DZ ' });

      const result = await server.client().request<any>(SIGNUP, { input });

      expect(result.signup).toMatchObject({
        email: 'nouveau.compte@example.dz',
        fullName: 'Amina Benali',
        phone: '+213 21 00 00 00',
        organisation: 'Pharmacie du Centre',
        pack: 'PRO',
        status: 'PENDING',
        role: 'LECTEUR',
      });
    });

    it('leaves the account unable to log in until it is approved', async () => {
      const input = signupInput();
      await server.client().request(SIGNUP, { input });

      const error = await expectGraphQLError(
        server.login(input.email, input.password),
        'FORBIDDEN',
      );

      expect(error.extensions.reason).toBe('ACCOUNT_NOT_ACTIVE');
      expect(error.extensions.status).toBe('PENDING');
    });

    it('rejects an email already used, whatever its case, with CONFLICT', async () => {
      const input = signupInput();
      await server.client().request(SIGNUP, { input });

      const again = signupInput({ email: input.email.toUpperCase() });
      const error = await expectGraphQLError(
        server.client().request(SIGNUP, { input: again }),
        'CONFLICT',
      );

      expect(error.message).toMatch(/existe déjà/);
    });

    it.each([
      ['email', { email: 'not-an-email' }],
      ['password', { password: 'court' }],
      ['fullName', { fullName: '   ' }],
      ['phone', { phone: 'appelez-moi' }],
    ])('rejects an invalid %s with BAD_USER_INPUT', async (field, overrides) => {
      const error = await expectGraphQLError(
        server.client().request(SIGNUP, { input: signupInput(overrides) }),
        'BAD_USER_INPUT',
      );

      expect(error.extensions.field).toBe(field);
    });
  });

  describe('updateMe', () => {
    it('rejects anonymous callers', async () => {
      await expectGraphQLError(
        server.client().request(UPDATE_ME, { input: { fullName: 'X' } }),
        'UNAUTHENTICATED',
      );
    });

    it('rejects the token of a disabled account', async () => {
      const user = await createUser(server);
      const token = await server.login(user.email, user.password);
      await server
        .client({ token: await server.adminToken() })
        .request(`mutation { deactivateUser(id: ${user.id}) { id } }`);

      await expectGraphQLError(
        server.client({ token }).request(UPDATE_ME, { input: { fullName: 'X' } }),
        'UNAUTHENTICATED',
      );
    });

    it('changes the given fields, clears empty ones and keeps the others', async () => {
      const user = await createUser(server);
      const token = await server.login(user.email, user.password);
      await server
        .client({ token })
        .request(UPDATE_ME, { input: { phone: '0550 00 00 00', organisation: 'CHU Mustapha' } });

      const result = await server
        .client({ token })
        .request<any>(UPDATE_ME, { input: { fullName: ' Karim Haddad ', organisation: '' } });

      expect(result.updateMe).toEqual({
        fullName: 'Karim Haddad',
        phone: '0550 00 00 00',
        organisation: null,
      });
    });

    it('rejects an invalid phone number', async () => {
      const user = await createUser(server);
      const token = await server.login(user.email, user.password);

      const error = await expectGraphQLError(
        server.client({ token }).request(UPDATE_ME, { input: { phone: 'abc' } }),
        'BAD_USER_INPUT',
      );

      expect(error.extensions.field).toBe('phone');
    });
  });

  describe('changePassword', () => {
    it('rejects anonymous callers', async () => {
      await expectGraphQLError(
        server.client().request(CHANGE_PASSWORD, { current: 'a', next: 'b' }),
        'UNAUTHENTICATED',
      );
    });

    it('rejects a wrong current password', async () => {
      const user = await createUser(server);
      const token = await server.login(user.email, user.password);

      const error = await expectGraphQLError(
        server
          .client({ token })
          .request(CHANGE_PASSWORD, { current: 'wrong-password', next: 'nouveau-mot-de-passe' }),
        'BAD_USER_INPUT',
      );

      expect(error.extensions.field).toBe('currentPassword');
    });

    it('rejects a new password that is too short', async () => {
      const user = await createUser(server);
      const token = await server.login(user.email, user.password);

      const error = await expectGraphQLError(
        server.client({ token }).request(CHANGE_PASSWORD, { current: user.password, next: 'abc' }),
        'BAD_USER_INPUT',
      );

      expect(error.extensions.field).toBe('newPassword');
    });

    it('replaces the password and returns a working token', async () => {
      const user = await createUser(server);
      const token = await server.login(user.email, user.password);

      const result = await server
        .client({ token })
        .request<any>(CHANGE_PASSWORD, { current: user.password, next: 'nouveau-mot-de-passe' });
      const fresh = await server
        .client({ token: result.changePassword.accessToken })
        .request<any>('{ me { id passwordChangedAt } }');

      expect(fresh.me.id).toBe(String(user.id));
      expect(fresh.me.passwordChangedAt).not.toBeNull();
      await expect(server.login(user.email, 'nouveau-mot-de-passe')).resolves.toEqual(
        expect.any(String),
      );
      await expectGraphQLError(server.login(user.email, user.password), 'UNAUTHENTICATED');
    });
  });

  describe('deleteMyAccount', () => {
    it('rejects anonymous callers', async () => {
      await expectGraphQLError(
        server.client().request(DELETE, { password: 'x' }),
        'UNAUTHENTICATED',
      );
    });

    it('rejects a wrong password and changes nothing', async () => {
      const user = await createUser(server);
      const token = await server.login(user.email, user.password);

      await expectGraphQLError(
        server.client({ token }).request(DELETE, { password: 'wrong-password' }),
        'BAD_USER_INPUT',
      );

      expect((await loadUser(server, user.id)).status).toBe(UserStatus.ACTIVE);
    });

    it('marks the account DELETED, revokes its keys and anonymises it', async () => {
      const user = await createUser(server);
      const token = await server.login(user.email, user.password);
      const { key } = await createApiKey(server, token);
      await server.client({ token }).request(UPDATE_ME, { input: { phone: '0550 11 22 33' } });
      await server
        .client({ token: await server.adminToken() })
        .request(`mutation { resetUserPassword(id: ${user.id}) { id } }`);
      const newToken = await server.login(user.email, await temporaryPasswordOf(user.id));

      const result = await server
        .client({ token: newToken })
        .request<any>(DELETE, { password: await temporaryPasswordOf(user.id) });

      const stored = await loadUser(server, user.id);
      const em = server.services.orm.em.fork();
      const keys = await em.find(ApiKey, { ownerId: user.id });
      const keyRequest = await postGraphQL(
        server,
        '{ me { id } }',
        {},
        authHeaders({ apiKey: key }),
      );
      expect(result.deleteMyAccount).toBe(true);
      expect(stored.status).toBe(UserStatus.DELETED);
      expect(stored.deletedAt).not.toBeNull();
      expect(stored.email).toBe(`supprime-${user.id}@anonyme.invalid`);
      expect(stored.fullName).toBeNull();
      expect(stored.phone).toBeNull();
      expect(stored.organisation).toBeNull();
      expect(keys.map((apiKey) => apiKey.active)).toEqual([false]);
      expect(keys[0].revokedAt).not.toBeNull();
      expect(await em.count(MailOutbox, { userId: user.id })).toBe(0);
      expect(keyRequest.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      await expectGraphQLError(
        server.client({ token: newToken }).request('{ me { id } }'),
        'UNAUTHENTICATED',
      );
      await expectGraphQLError(server.login(user.email, user.password), 'UNAUTHENTICATED');
    });

    it('frees the email for a new signup', async () => {
      const user = await createUser(server);
      const token = await server.login(user.email, user.password);
      await server.client({ token }).request(DELETE, { password: user.password });

      const result = await server
        .client()
        .request<any>(SIGNUP, { input: signupInput({ email: user.email }) });

      expect(result.signup.status).toBe('PENDING');
    });
  });

  /** Reads the temporary password of a user's latest reset mail from the outbox. */
  async function temporaryPasswordOf(userId: number): Promise<string> {
    const mail = await server.services.orm.em
      .fork()
      .findOneOrFail(
        MailOutbox,
        { userId, template: 'password-reset' },
        { orderBy: { id: 'desc' } },
      );
    const match = /Mot de passe temporaire : (\S+)/.exec(mail.body);
    if (!match) throw new Error(`no temporary password in mail ${mail.id}`);
    return match[1];
  }
});
