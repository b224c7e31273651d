import jwt from 'jsonwebtoken';

import { Role } from '../../src/auth/user.entity';
import { createUser, CreatedUser } from '../support/factories';
import { expectGraphQLError } from '../support/graphql';
import { startTestServer, TestServer } from '../support/server';

const ME = '{ me { id role } }';

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('access tokens', () => {
  let server: TestServer;
  let user: CreatedUser;

  beforeAll(async () => {
    server = await startTestServer();
    user = await createUser(server);
  });

  afterAll(async () => {
    await server.close();
  });

  /** Claims of a valid token for `user`, as the server would sign them. */
  function claims(overrides: Record<string, unknown> = {}) {
    const now = Math.floor(Date.now() / 1000);
    return {
      sub: String(user.id),
      iss: server.services.config.jwtIssuer,
      aud: server.services.config.jwtAudience,
      iat: now,
      exp: now + 600,
      ver: 0,
      ...overrides,
    };
  }

  function withoutExp() {
    const { exp: _exp, ...rest } = claims();
    return rest;
  }

  const secret = () => server.services.config.secretKey;

  it('accepts a token signed like the server signs them', async () => {
    const token = jwt.sign(claims(), secret(), { algorithm: 'HS256' });

    const result = await server.client({ token }).request<any>(ME);

    expect(result.me.id).toBe(String(user.id));
  });

  describe('rejects with UNAUTHENTICATED', () => {
    const cases: [string, () => string][] = [
      ['alg none', () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.`],
      ['HS512', () => jwt.sign(claims(), secret(), { algorithm: 'HS512' })],
      ['a wrong secret', () => jwt.sign(claims(), 'another-secret-of-enough-length-000000')],
      ['a wrong audience', () => jwt.sign(claims({ aud: 'someone-else' }), secret())],
      ['a wrong issuer', () => jwt.sign(claims({ iss: 'someone-else' }), secret())],
      ['no exp', () => jwt.sign(withoutExp(), secret())],
      [
        'an expired exp',
        () => jwt.sign(claims({ iat: 1_600_000_000, exp: 1_600_000_600 }), secret()),
      ],
      ['a garbled token', () => 'not.a.token'],
    ];

    it.each(cases)('a token with %s', async (_label, makeToken) => {
      const error = await expectGraphQLError(
        server.client({ token: makeToken() }).request(ME),
        'UNAUTHENTICATED',
      );

      expect(error.message).toMatch(/Jeton invalide/);
    });
  });

  it('takes admin access away on the next request after a demotion', async () => {
    const admin = await createUser(server, { role: Role.ADMIN });
    const token = await server.login(admin.email, admin.password);
    const before = await server.client({ token }).request<any>('{ adminStats { requestsToday } }');

    await server
      .client({ token: await server.adminToken() })
      .request(`mutation { updateUser(id: ${admin.id}, input: { role: LECTEUR }) { role } }`);
    const error = await expectGraphQLError(
      server.client({ token }).request('{ adminStats { requestsToday } }'),
      'FORBIDDEN',
    );
    const me = await server.client({ token }).request<any>(ME);

    expect(before.adminStats.requestsToday).toBeGreaterThan(0);
    expect(error.extensions.reason).toBe('ROLE');
    expect(me.me.role).toBe('LECTEUR');
  });

  it('rejects a token issued before a password change', async () => {
    const owner = await createUser(server);
    const oldToken = await server.login(owner.email, owner.password);

    const changed = await server
      .client({ token: oldToken })
      .request<any>(
        'mutation ($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) { accessToken } }',
        { current: owner.password, next: 'a-brand-new-password' },
      );
    const error = await expectGraphQLError(
      server.client({ token: oldToken }).request(ME),
      'UNAUTHENTICATED',
    );
    const me = await server.client({ token: changed.changePassword.accessToken }).request<any>(ME);

    expect(error.message).toMatch(/Reconnectez-vous/);
    expect(me.me.id).toBe(String(owner.id));
  });

  it('rejects the token of a user an admin disabled', async () => {
    const owner = await createUser(server);
    const token = await server.login(owner.email, owner.password);

    await server
      .client({ token: await server.adminToken() })
      .request(`mutation { deactivateUser(id: ${owner.id}) { status } }`);

    await expectGraphQLError(server.client({ token }).request(ME), 'UNAUTHENTICATED');
  });
});
