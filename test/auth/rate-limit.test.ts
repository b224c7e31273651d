import { randomBytes } from 'node:crypto';
import net from 'node:net';

import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/logger';
import { RunningServer, startServer } from '../../src/http/server';
import { authHeaders, HttpResult, postGraphQL, queryRows } from '../support/accounts';
import { createUser } from '../support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, TestServer } from '../support/server';

const LOGIN =
  'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }';
const SIGNUP = 'mutation ($input: SignupInput!) { signup(input: $input) { id } }';
const CHANGE_PASSWORD =
  'mutation ($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) { accessToken } }';

/** Login attempts allowed per email in 15 minutes, and signups per address in an hour. */
const LOGIN_PER_EMAIL = 10;
const SIGNUP_PER_ADDRESS = 20;

/** A Redis server for the tests that need one; CI sets it, other runs skip them. */
const REDIS_URL = process.env.REDIS_URL_TEST ?? '';

/** Finds a local port with nothing listening on it. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Sends wrong passwords for `email` until the per-email limit is used up. */
async function useUpLoginLimit(servers: TestServer[], email: string): Promise<void> {
  for (let attempt = 0; attempt < LOGIN_PER_EMAIL; attempt += 1) {
    const server = servers[attempt % servers.length];
    const result = await postGraphQL(server, LOGIN, { email, password: 'wrong-password' });
    expect(result.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  }
}

function fromAddress(address: string): Record<string, string> {
  return { 'x-forwarded-for': address };
}

function signupInput(label: string) {
  return {
    email: `limite-${label}-${Math.random().toString(36).slice(2)}@example.dz`,
    password: 'mot-de-passe-limite',
    fullName: 'Test Limite',
  };
}

function expectRateLimited(result: HttpResult): void {
  expect(result.status).toBe(429);
  expect(result.body.errors[0].extensions.code).toBe('RATE_LIMITED');
  expect(result.body.errors[0].extensions.retryAfter).toBeGreaterThan(0);
  expect(Number(result.headers.get('retry-after'))).toBeGreaterThan(0);
}

describe('rate limits on credentials', () => {
  describe('behind a trusted proxy', () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer({ TRUST_PROXY: 'true' });
    });

    afterAll(async () => {
      await server.close();
    });

    it('limits login attempts per email, from any address', async () => {
      const user = await createUser(server);
      for (let attempt = 0; attempt < LOGIN_PER_EMAIL; attempt += 1) {
        const result = await postGraphQL(
          server,
          LOGIN,
          { email: user.email, password: 'wrong-password' },
          fromAddress(`198.51.100.${attempt + 1}`),
        );
        expect(result.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      }

      const blocked = await postGraphQL(
        server,
        LOGIN,
        { email: user.email.toUpperCase(), password: user.password },
        fromAddress('198.51.100.200'),
      );

      expectRateLimited(blocked);
      expect(blocked.body.errors[0].message).toMatch(/Réessayez dans \d+ secondes/);
    });

    it('limits signups per client address and leaves other addresses alone', async () => {
      for (let attempt = 0; attempt < SIGNUP_PER_ADDRESS; attempt += 1) {
        const result = await postGraphQL(
          server,
          SIGNUP,
          { input: signupInput(`a${attempt}`) },
          fromAddress('203.0.113.7'),
        );
        expect(result.body.errors).toBeUndefined();
      }

      const blocked = await postGraphQL(
        server,
        SIGNUP,
        { input: signupInput('blocked') },
        fromAddress('203.0.113.7'),
      );
      const other = await postGraphQL(
        server,
        SIGNUP,
        { input: signupInput('other') },
        fromAddress('203.0.113.8'),
      );

      expectRateLimited(blocked);
      expect(other.body.data.signup.id).toEqual(expect.any(String));
    });

    it('limits password changes per account', async () => {
      const user = await createUser(server);
      const token = await server.login(user.email, user.password);
      for (let attempt = 0; attempt < 10; attempt += 1) {
        await postGraphQL(
          server,
          CHANGE_PASSWORD,
          { current: 'wrong-password', next: 'nouveau-mot-de-passe' },
          { ...authHeaders({ token }), ...fromAddress(`192.0.2.${attempt + 1}`) },
        );
      }

      const blocked = await postGraphQL(
        server,
        CHANGE_PASSWORD,
        { current: user.password, next: 'nouveau-mot-de-passe' },
        { ...authHeaders({ token }), ...fromAddress('192.0.2.99') },
      );

      expectRateLimited(blocked);
    });

    it('does not consume anything for an unauthenticated password change', async () => {
      const countRows = async () =>
        (await queryRows<{ key: string }>(server, 'select "key" from rate_limit')).length;
      const before = await countRows();

      const result = await postGraphQL(
        server,
        CHANGE_PASSWORD,
        { current: 'a', next: 'b' },
        fromAddress('192.0.2.250'),
      );

      expect(result.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(await countRows()).toBe(before);
    });

    it('keeps its counters in the database, with no email in clear', async () => {
      const rows = await queryRows<{ key: string }>(server, 'select "key" from rate_limit');

      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((row) => row.key.includes('@'))).toBe(false);
    });
  });

  describe('without a trusted proxy', () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer();
    });

    afterAll(async () => {
      await server.close();
    });

    it('ignores X-Forwarded-For when counting per address', async () => {
      for (let attempt = 0; attempt < SIGNUP_PER_ADDRESS; attempt += 1) {
        await postGraphQL(
          server,
          SIGNUP,
          { input: signupInput(`s${attempt}`) },
          fromAddress(`198.51.100.${attempt + 1}`),
        );
      }

      const blocked = await postGraphQL(
        server,
        SIGNUP,
        { input: signupInput('spoofed') },
        fromAddress('198.51.100.250'),
      );

      expectRateLimited(blocked);
    });
  });

  describe('across processes', () => {
    let first: TestServer;
    let second: RunningServer;

    beforeAll(async () => {
      first = await startTestServer();
      const config = loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: first.database.url,
        ADMIN_EMAIL,
        ADMIN_PASSWORD,
        SECRET_KEY: first.services.config.secretKey,
        LOG_LEVEL: 'silent',
      });
      second = await startServer(config, createLogger('silent'));
    });

    afterAll(async () => {
      await second.stop();
      await first.close();
    });

    it('shares the login limit between two servers on one database', async () => {
      const user = await createUser(first);
      const attempt = async (url: string) => {
        const response = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: LOGIN,
            variables: { email: user.email, password: 'wrong-password' },
          }),
        });
        return response.status;
      };
      for (let index = 0; index < LOGIN_PER_EMAIL; index += 1) {
        await attempt(index % 2 === 0 ? first.url : second.url);
      }

      expect(await attempt(first.url)).toBe(429);
      expect(await attempt(second.url)).toBe(429);
    });
  });

  (REDIS_URL ? describe : describe.skip)('with Redis', () => {
    let first: TestServer;
    let second: TestServer;

    beforeAll(async () => {
      // Two deployments of one app on separate databases, sharing Redis under one prefix.
      const REDIS_KEY_PREFIX = `npp-test-${randomBytes(8).toString('hex')}`;
      first = await startTestServer({ REDIS_URL, REDIS_KEY_PREFIX });
      second = await startTestServer({ REDIS_URL, REDIS_KEY_PREFIX });
    });

    afterAll(async () => {
      await Promise.all([first.close(), second.close()]);
    });

    it('shares the login limit between servers on different databases', async () => {
      const email = `redis-${Date.now()}-${Math.random().toString(36).slice(2)}@example.dz`;
      await useUpLoginLimit([first, second], email);

      const blocked = await postGraphQL(first, LOGIN, { email, password: 'wrong-password' });
      const rows = await queryRows<{ key: string }>(first, 'select "key" from rate_limit');

      expectRateLimited(blocked);
      expect(rows).toEqual([]);
    });
  });

  describe('with Redis unreachable', () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` });
    });

    afterAll(async () => {
      await server.close();
    });

    it('keeps the limits in the database', async () => {
      const user = await createUser(server);
      await useUpLoginLimit([server], user.email);

      const blocked = await postGraphQL(server, LOGIN, {
        email: user.email,
        password: user.password,
      });
      const rows = await queryRows<{ key: string }>(server, 'select "key" from rate_limit');

      expectRateLimited(blocked);
      expect(rows.length).toBeGreaterThan(0);
    });
  });
});
