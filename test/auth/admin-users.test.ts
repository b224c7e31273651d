import { Role, UserStatus } from '../../src/auth/user.entity';
import { MailOutbox } from '../../src/mail/mail-outbox.entity';
import { PackCode } from '../../src/packs/pack.catalog';
import { loadUser } from '../support/accounts';
import { createUser } from '../support/factories';
import { expectGraphQLError } from '../support/graphql';
import { ADMIN_EMAIL, startTestServer, TestServer } from '../support/server';

const USER_FIELDS = 'id email fullName role pack status rejectionReason';

describe('admin user management', () => {
  let server: TestServer;
  let adminToken: string;

  beforeAll(async () => {
    server = await startTestServer();
    adminToken = await server.adminToken();
  });

  afterAll(async () => {
    await server.close();
  });

  const admin = <T = any>(query: string, variables?: Record<string, unknown>) =>
    server.client({ token: adminToken }).request<T>(query, variables);

  async function signup(pack = 'FREE'): Promise<{ id: string; email: string; password: string }> {
    const email = `demande-${Math.random().toString(36).slice(2)}@example.dz`;
    const password = 'mot-de-passe-demande';
    const result = await server
      .client()
      .request<any>('mutation ($input: SignupInput!) { signup(input: $input) { id } }', {
        input: { email, password, fullName: 'Demandeur', pack },
      });
    return { id: result.signup.id, email, password };
  }

  async function latestMail(userId: number | string, template: string): Promise<MailOutbox> {
    return server.services.orm.em
      .fork()
      .findOneOrFail(MailOutbox, { userId: Number(userId), template }, { orderBy: { id: 'desc' } });
  }

  async function latestAudit(targetUserId: number | string): Promise<any> {
    const result = await admin(
      'query ($id: ID!) { auditLogs(filter: { targetUserId: $id }, pageSize: 1) { items { action actorId actorEmail targetEmail details createdAt } } }',
      { id: String(targetUserId) },
    );
    return result.auditLogs.items[0];
  }

  describe('users', () => {
    it('filters by pack, status and role, and pages the result', async () => {
      for (let index = 0; index < 3; index += 1) {
        await createUser(server, { pack: PackCode.INSTITUTIONNEL, status: UserStatus.DISABLED });
      }

      const firstPage = await admin(
        '{ users(filter: { pack: INSTITUTIONNEL, status: DISABLED, role: LECTEUR }, pageSize: 2) { total page pageSize pageCount items { pack status role } } }',
      );
      const secondPage = await admin(
        '{ users(filter: { pack: INSTITUTIONNEL, status: DISABLED }, page: 2, pageSize: 2) { items { id } } }',
      );

      expect(firstPage.users.total).toBe(3);
      expect(firstPage.users.pageCount).toBe(2);
      expect(firstPage.users.items).toHaveLength(2);
      expect(firstPage.users.items[0]).toEqual({
        pack: 'INSTITUTIONNEL',
        status: 'DISABLED',
        role: 'LECTEUR',
      });
      expect(secondPage.users.items).toHaveLength(1);
    });

    it('finds users by part of their email', async () => {
      const result = await admin('{ users(filter: { email: "ADMIN@NPP" }) { items { email } } }');

      expect(result.users.items).toEqual([{ email: ADMIN_EMAIL }]);
    });

    it('rejects a page size over 200', async () => {
      await expectGraphQLError(admin('{ users(pageSize: 500) { total } }'), 'BAD_USER_INPUT');
    });
  });

  describe('pendingUsers', () => {
    it('lists signups waiting for a decision, oldest first', async () => {
      const first = await signup();
      const second = await signup();

      const result = await admin('{ pendingUsers(pageSize: 200) { items { id status } } }');

      const ids = result.pendingUsers.items.map((item: any) => item.id);
      expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
      expect(new Set(result.pendingUsers.items.map((item: any) => item.status))).toEqual(
        new Set(['PENDING']),
      );
    });
  });

  describe('user', () => {
    it('returns a user with keys and usage', async () => {
      const owner = await createUser(server, { pack: PackCode.PRO });
      const token = await server.login(owner.email, owner.password);
      await server.client({ token }).request('mutation { createApiKey(name: "Officine") { key } }');

      const result = await admin(
        `{ user(id: ${owner.id}) { user { email pack } apiKeys { name active } usage { today dailyLimit } } }`,
      );

      expect(result.user.user).toEqual({ email: owner.email, pack: 'PRO' });
      expect(result.user.apiKeys).toEqual([{ name: 'Officine', active: true }]);
      expect(result.user.usage).toEqual({ today: 1, dailyLimit: null });
    });

    it('returns NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
      await expectGraphQLError(admin('{ user(id: 999999) { user { id } } }'), 'NOT_FOUND');
      await expectGraphQLError(admin('{ user(id: "abc") { user { id } } }'), 'BAD_USER_INPUT');
    });
  });

  describe('createUser', () => {
    it('creates an active account that can log in at once', async () => {
      const result = await admin(
        `mutation { createUser(input: { email: "Cree@Example.DZ", password: "mot-de-passe-cree", pack: PRO, role: LECTEUR }) { ${USER_FIELDS} } }`,
      );

      expect(result.createUser).toMatchObject({
        email: 'cree@example.dz',
        status: 'ACTIVE',
        pack: 'PRO',
      });
      await expect(server.login('cree@example.dz', 'mot-de-passe-cree')).resolves.toEqual(
        expect.any(String),
      );
      expect(await latestAudit(result.createUser.id)).toMatchObject({
        action: 'USER_CREATED',
        actorEmail: ADMIN_EMAIL,
        targetEmail: 'cree@example.dz',
        details: { role: 'LECTEUR', pack: 'PRO' },
      });
    });

    it('mails a temporary password when none is given', async () => {
      const result = await admin(
        'mutation { createUser(input: { email: "sans-mot@example.dz", fullName: "Sans Mot" }) { id } }',
      );

      const mail = await latestMail(result.createUser.id, 'account-created');
      const password = /Mot de passe temporaire : (\S+)/.exec(mail.body)?.[1];
      expect(mail.recipient).toBe('sans-mot@example.dz');
      expect(mail.body).toMatch(/^Bonjour Sans Mot,/);
      await expect(server.login('sans-mot@example.dz', password!)).resolves.toEqual(
        expect.any(String),
      );
    });

    it('rejects an email already used with CONFLICT', async () => {
      await expectGraphQLError(
        admin(`mutation { createUser(input: { email: "${ADMIN_EMAIL.toUpperCase()}" }) { id } }`),
        'CONFLICT',
      );
    });
  });

  describe('approveUser and rejectUser', () => {
    it('approves a signup, mails its owner and lets it log in', async () => {
      const request = await signup('PRO');

      const result = await admin(`mutation { approveUser(id: ${request.id}) { ${USER_FIELDS} } }`);

      expect(result.approveUser).toMatchObject({ status: 'ACTIVE', pack: 'PRO' });
      expect((await latestMail(request.id, 'account-approved')).subject).toMatch(/activé/);
      expect((await latestAudit(request.id)).action).toBe('USER_APPROVED');
      await expect(server.login(request.email, request.password)).resolves.toEqual(
        expect.any(String),
      );
    });

    it('rejects a signup with a reason that the owner receives', async () => {
      const request = await signup();

      const result = await admin(
        `mutation { rejectUser(id: ${request.id}, reason: "Pièces justificatives manquantes") { ${USER_FIELDS} } }`,
      );
      const error = await expectGraphQLError(
        server.login(request.email, request.password),
        'FORBIDDEN',
      );

      expect(result.rejectUser.status).toBe('REJECTED');
      expect(result.rejectUser.rejectionReason).toBe('Pièces justificatives manquantes');
      expect((await latestMail(request.id, 'account-rejected')).body).toMatch(
        /Pièces justificatives/,
      );
      expect((await latestAudit(request.id)).action).toBe('USER_REJECTED');
      expect(error.extensions.status).toBe('REJECTED');
    });

    it('rejects invalid approvals and rejections', async () => {
      const active = await createUser(server);
      const request = await signup();

      await expectGraphQLError(
        admin(`mutation { approveUser(id: ${active.id}) { id } }`),
        'BAD_USER_INPUT',
      );
      await expectGraphQLError(
        admin(`mutation { rejectUser(id: ${request.id}, reason: "  ") { id } }`),
        'BAD_USER_INPUT',
      );
      await expectGraphQLError(admin('mutation { approveUser(id: 999999) { id } }'), 'NOT_FOUND');
    });
  });

  describe('updateUser', () => {
    it('changes role, pack, status and profile and audits the change', async () => {
      const user = await createUser(server);

      const result = await admin(
        `mutation { updateUser(id: ${user.id}, input: { role: ADMIN, pack: DEVELOPPEUR, status: DISABLED, fullName: "Nom Corrigé" }) { ${USER_FIELDS} } }`,
      );

      expect(result.updateUser).toMatchObject({
        role: 'ADMIN',
        pack: 'DEVELOPPEUR',
        status: 'DISABLED',
        fullName: 'Nom Corrigé',
      });
      expect((await latestAudit(user.id)).details).toEqual({
        role: 'ADMIN',
        pack: 'DEVELOPPEUR',
        status: 'DISABLED',
        profileFields: ['fullName'],
      });
    });

    it('rejects the DELETED status', async () => {
      const user = await createUser(server);

      const error = await expectGraphQLError(
        admin(`mutation { updateUser(id: ${user.id}, input: { status: DELETED }) { id } }`),
        'BAD_USER_INPUT',
      );

      expect(error.extensions.field).toBe('status');
    });

    it('rejects an admin demoting itself', async () => {
      const me = await admin('{ me { id } }');

      await expectGraphQLError(
        admin(`mutation { updateUser(id: ${me.me.id}, input: { role: LECTEUR }) { id } }`),
        'BAD_USER_INPUT',
      );
      await expectGraphQLError(
        admin(`mutation { deactivateUser(id: ${me.me.id}) { id } }`),
        'BAD_USER_INPUT',
      );
    });

    it('rejects changes to a deleted account', async () => {
      const user = await createUser(server, { status: UserStatus.DELETED });

      await expectGraphQLError(
        admin(`mutation { updateUser(id: ${user.id}, input: { pack: PRO }) { id } }`),
        'BAD_USER_INPUT',
      );
    });
  });

  describe('changeUserPack', () => {
    it('applies the new pack on the next request with the same token', async () => {
      const user = await createUser(server, { pack: PackCode.FREE });
      const token = await server.login(user.email, user.password);

      await admin(`mutation { changeUserPack(id: ${user.id}, pack: INSTITUTIONNEL) { pack } }`);
      const result = await server.client({ token }).request<any>('{ myPack { code } }');

      expect(result.myPack.code).toBe('INSTITUTIONNEL');
      expect((await latestAudit(user.id)).details).toEqual({ from: 'FREE', to: 'INSTITUTIONNEL' });
    });
  });

  describe('deactivateUser', () => {
    it('disables the account so that it can no longer log in', async () => {
      const user = await createUser(server);

      const result = await admin(`mutation { deactivateUser(id: ${user.id}) { status } }`);
      const error = await expectGraphQLError(server.login(user.email, user.password), 'FORBIDDEN');

      expect(result.deactivateUser.status).toBe('DISABLED');
      expect(error.extensions.status).toBe('DISABLED');
      expect((await latestAudit(user.id)).action).toBe('USER_DEACTIVATED');
    });
  });

  describe('resetUserPassword', () => {
    it('replaces the password by a mailed temporary one and voids older tokens', async () => {
      const user = await createUser(server);
      const token = await server.login(user.email, user.password);

      await admin(`mutation { resetUserPassword(id: ${user.id}) { id } }`);
      const mail = await latestMail(user.id, 'password-reset');
      const temporary = /Mot de passe temporaire : (\S+)/.exec(mail.body)?.[1];

      expect(mail.subject).toMatch(/Réinitialisation/);
      expect((await loadUser(server, user.id)).tokenVersion).toBe(1);
      await expectGraphQLError(
        server.client({ token }).request('{ me { id } }'),
        'UNAUTHENTICATED',
      );
      await expectGraphQLError(server.login(user.email, user.password), 'UNAUTHENTICATED');
      await expect(server.login(user.email, temporary!)).resolves.toEqual(expect.any(String));
      expect((await latestAudit(user.id)).action).toBe('USER_PASSWORD_RESET');
    });
  });

  describe('adminStats', () => {
    it('counts users per pack and status, and requests of the day', async () => {
      await createUser(server, { pack: PackCode.DEVELOPPEUR, role: Role.LECTEUR });

      const result = await admin(
        '{ adminStats { usersByPack { pack count } usersByStatus { status count } requestsToday requestsThisMonth } }',
      );

      const developers = result.adminStats.usersByPack.find(
        (row: any) => row.pack === 'DEVELOPPEUR',
      );
      const statuses = result.adminStats.usersByStatus.map((row: any) => row.status);
      expect(developers.count).toBeGreaterThanOrEqual(2);
      expect(statuses).toEqual(['PENDING', 'ACTIVE', 'REJECTED', 'DISABLED', 'DELETED']);
      expect(result.adminStats.requestsToday).toBeGreaterThan(0);
      expect(result.adminStats.requestsThisMonth).toBeGreaterThanOrEqual(
        result.adminStats.requestsToday,
      );
    });
  });

  describe('auditLogs', () => {
    it('lists actions newest first and filters them by action', async () => {
      const user = await createUser(server);
      await admin(`mutation { changeUserPack(id: ${user.id}, pack: PRO) { id } }`);
      await admin(`mutation { deactivateUser(id: ${user.id}) { id } }`);

      const all = await admin(
        `{ auditLogs(filter: { targetUserId: ${user.id} }) { total items { action } } }`,
      );
      const filtered = await admin(
        '{ auditLogs(filter: { action: USER_PACK_CHANGED }, pageSize: 200) { items { targetUserId } } }',
      );

      expect(all.auditLogs.items.map((item: any) => item.action)).toEqual([
        'USER_DEACTIVATED',
        'USER_PACK_CHANGED',
      ]);
      expect(filtered.auditLogs.items).toContainEqual({ targetUserId: String(user.id) });
    });
  });
});
