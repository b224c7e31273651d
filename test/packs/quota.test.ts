import { clock } from '../../src/core/clock';
import { PackCode } from '../../src/packs/pack.catalog';
import { UsagePeriod } from '../../src/packs/periods';
import {
  authHeaders,
  createApiKey,
  postGraphQL,
  readUsageCounter,
  restRequest,
  setUsageCounter,
} from '../support/accounts';
import { createUser } from '../support/factories';
import { startTestServer, TestServer } from '../support/server';

const NOW = '2025-03-14T10:00:00Z';
const DAY = '2025-03-14';
const MONTH = '2025-03-01';
/** Midnight in Algiers after NOW, in Unix seconds. */
const DAY_RESET = Date.parse('2025-03-14T23:00:00Z') / 1000;
const MONTH_RESET = Date.parse('2025-03-31T23:00:00Z') / 1000;

describe('quotas', () => {
  let server: TestServer;

  beforeAll(async () => {
    clock.set(NOW);
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
    clock.reset();
  });

  async function freeUser(): Promise<{ id: number; token: string }> {
    const user = await createUser(server, { pack: PackCode.FREE });
    return { id: user.id, token: await server.login(user.email, user.password) };
  }

  const dayCount = (userId: number) => readUsageCounter(server, userId, UsagePeriod.DAY, DAY);
  const monthCount = (userId: number) => readUsageCounter(server, userId, UsagePeriod.MONTH, MONTH);

  describe('FREE pack over GraphQL', () => {
    it('sends rate-limit headers and extensions.quota', async () => {
      const user = await freeUser();

      const result = await postGraphQL(server, '{ me { id } }', {}, authHeaders(user));

      expect(result.status).toBe(200);
      expect(result.headers.get('x-ratelimit-limit')).toBe('100');
      expect(result.headers.get('x-ratelimit-remaining')).toBe('99');
      expect(result.headers.get('x-ratelimit-reset')).toBe(String(DAY_RESET));
      expect(result.body.extensions.quota).toEqual({
        limit: 100,
        remaining: 99,
        resetAt: '2025-03-14T23:00:00.000Z',
      });
    });

    it('counts each root field, aliases included', async () => {
      const user = await freeUser();

      const result = await postGraphQL(
        server,
        '{ a: me { id } b: me { id } packs { code } }',
        {},
        authHeaders(user),
      );

      expect(result.body.errors).toBeUndefined();
      expect(await dayCount(user.id)).toBe(3);
      expect(await monthCount(user.id)).toBe(3);
    });

    it('counts root fields selected through fragments', async () => {
      const user = await freeUser();
      const query =
        'query { ...Account ... on Query { packs { code } } } fragment Account on Query { me { id } myPack { code } }';

      await postGraphQL(server, query, {}, authHeaders(user));

      expect(await dayCount(user.id)).toBe(3);
    });

    it('does not count introspection fields or skipped fields', async () => {
      const user = await freeUser();

      const result = await postGraphQL(
        server,
        'query ($skip: Boolean!) { __typename me @skip(if: $skip) { id } packs { code } }',
        { skip: true },
        authHeaders(user),
      );

      expect(result.body.errors).toBeUndefined();
      expect(await dayCount(user.id)).toBe(1);
    });

    it('counts responses served from the cache', async () => {
      const user = await freeUser();

      await postGraphQL(server, '{ packs { code } }', {}, authHeaders(user));
      const cached = await postGraphQL(server, '{ packs { code } }', {}, authHeaders(user));

      expect(cached.headers.get('x-ratelimit-remaining')).toBe('98');
      expect(await dayCount(user.id)).toBe(2);
    });

    it('rejects a request over the daily limit with 429 and counts nothing', async () => {
      const user = await freeUser();
      await setUsageCounter(server, user.id, UsagePeriod.DAY, DAY, 100);
      await setUsageCounter(server, user.id, UsagePeriod.MONTH, MONTH, 100);

      const result = await postGraphQL(server, '{ me { id } }', {}, authHeaders(user));

      expect(result.status).toBe(429);
      expect(result.body.data).toBeUndefined();
      expect(result.body.errors[0].extensions.code).toBe('QUOTA_EXCEEDED');
      expect(result.body.errors[0].extensions.resetAt).toBe('2025-03-14T23:00:00.000Z');
      expect(result.body.errors[0].extensions.http).toBeUndefined();
      expect(result.headers.get('retry-after')).toBe(String(DAY_RESET - Date.parse(NOW) / 1000));
      expect(result.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(await dayCount(user.id)).toBe(100);
      expect(await monthCount(user.id)).toBe(100);
    });

    it('rejects a request over the monthly limit until the next month', async () => {
      const user = await freeUser();
      await setUsageCounter(server, user.id, UsagePeriod.DAY, DAY, 10);
      await setUsageCounter(server, user.id, UsagePeriod.MONTH, MONTH, 1000);

      const result = await postGraphQL(server, '{ me { id } }', {}, authHeaders(user));

      expect(result.status).toBe(429);
      expect(result.body.errors[0].extensions.period).toBe('month');
      expect(result.body.errors[0].extensions.resetAt).toBe('2025-03-31T23:00:00.000Z');
      expect(result.headers.get('x-ratelimit-reset')).toBe(String(MONTH_RESET));
      expect(await dayCount(user.id)).toBe(10);
      expect(await monthCount(user.id)).toBe(1000);
    });

    it('reports the monthly remainder when it is smaller than the daily one', async () => {
      const user = await freeUser();
      await setUsageCounter(server, user.id, UsagePeriod.MONTH, MONTH, 995);

      const result = await postGraphQL(server, '{ me { id } }', {}, authHeaders(user));

      expect(result.headers.get('x-ratelimit-limit')).toBe('100');
      expect(result.headers.get('x-ratelimit-remaining')).toBe('4');
      expect(result.headers.get('x-ratelimit-reset')).toBe(String(MONTH_RESET));
    });

    it('rejects a whole operation whose fields exceed what is left', async () => {
      const user = await freeUser();
      await setUsageCounter(server, user.id, UsagePeriod.DAY, DAY, 98);

      const result = await postGraphQL(
        server,
        '{ a: me { id } b: me { id } c: me { id } }',
        {},
        authHeaders(user),
      );

      expect(result.status).toBe(429);
      expect(await dayCount(user.id)).toBe(98);
      expect(await monthCount(user.id)).toBe(0);
    });

    it('counts requests made with an API key for the key owner', async () => {
      const user = await freeUser();
      const { key } = await createApiKey(server, user.token);

      await postGraphQL(server, '{ me { id } }', {}, authHeaders({ apiKey: key }));

      expect(await dayCount(user.id)).toBe(2);
    });
  });

  describe('anonymous and public requests', () => {
    it('does not count anonymous requests to public fields', async () => {
      const before = await server.services.quotas.totals();

      const result = await postGraphQL(server, '{ packs { code } health { status } }');

      expect(result.status).toBe(200);
      expect(result.headers.get('x-ratelimit-limit')).toBeNull();
      expect(result.body.extensions?.quota).toBeUndefined();
      expect(await server.services.quotas.totals()).toEqual(before);
    });

    it('counts public fields for a signed-in caller', async () => {
      const user = await freeUser();

      await postGraphQL(server, '{ health { status } }', {}, authHeaders(user));

      expect(await dayCount(user.id)).toBe(1);
    });
  });

  describe('REST', () => {
    it('counts a signed-in REST call and sends the headers', async () => {
      const user = await freeUser();

      const result = await restRequest(server, '/health', { headers: authHeaders(user) });

      expect(result.status).toBe(200);
      expect(result.headers.get('x-ratelimit-remaining')).toBe('99');
      expect(await dayCount(user.id)).toBe(1);
    });

    it('does not count calls to unknown routes', async () => {
      const user = await freeUser();

      const result = await restRequest(server, '/no-such-route', { headers: authHeaders(user) });

      expect(result.status).toBe(404);
      expect(await dayCount(user.id)).toBe(0);
    });

    it('does not count anonymous calls to GET /health', async () => {
      const result = await restRequest(server, '/health');

      expect(result.status).toBe(200);
      expect(result.headers.get('x-ratelimit-limit')).toBeNull();
    });

    it('returns 429 with Retry-After over the limit and counts nothing', async () => {
      const user = await freeUser();
      await setUsageCounter(server, user.id, UsagePeriod.DAY, DAY, 100);

      const result = await restRequest(server, '/health', { headers: authHeaders(user) });

      expect(result.status).toBe(429);
      expect(result.body.code).toBe('QUOTA_EXCEEDED');
      expect(result.body.resetAt).toBe('2025-03-14T23:00:00.000Z');
      expect(Number(result.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await dayCount(user.id)).toBe(100);
    });
  });

  describe('packs without limits', () => {
    it.each([PackCode.PRO, PackCode.INSTITUTIONNEL, PackCode.DEVELOPPEUR])(
      'counts %s requests without rate-limit headers',
      async (pack) => {
        const user = await createUser(server, { pack });
        const token = await server.login(user.email, user.password);

        const first = await postGraphQL(
          server,
          '{ me { id } packs { code } }',
          {},
          authHeaders({ token }),
        );
        await postGraphQL(server, '{ me { id } }', {}, authHeaders({ token }));
        await server.services.quotas.buffer.flush();

        expect(first.headers.get('x-ratelimit-limit')).toBeNull();
        expect(first.body.extensions?.quota).toBeUndefined();
        expect(await dayCount(user.id)).toBe(3);
        expect(await monthCount(user.id)).toBe(3);
      },
    );

    it('counts admins, whatever their pack', async () => {
      const admin = await createUser(server, { pack: PackCode.FREE, role: 'ADMIN' as never });
      const token = await server.login(admin.email, admin.password);
      await setUsageCounter(server, admin.id, UsagePeriod.DAY, DAY, 100);

      const result = await postGraphQL(server, '{ me { id } }', {}, authHeaders({ token }));
      await server.services.quotas.buffer.flush();

      expect(result.status).toBe(200);
      expect(await dayCount(admin.id)).toBe(101);
    });
  });
});
