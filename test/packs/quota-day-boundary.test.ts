import { clock } from '../../src/core/clock';
import { PackCode } from '../../src/packs/pack.catalog';
import { UsagePeriod } from '../../src/packs/periods';
import { authHeaders, postGraphQL, readUsageCounter, setUsageCounter } from '../support/accounts';
import { createUser } from '../support/factories';
import { startTestServer, TestServer } from '../support/server';

/**
 * Day and month boundaries through the real server. `quota-timezones.test.ts` runs this
 * file again in child processes with TZ=UTC and TZ=America/New_York.
 */
const expectedTimeZone = process.env.NPP_EXPECTED_TZ;

const MY_USAGE = '{ myUsage { today month } }';

describe('quota periods', () => {
  let server: TestServer;

  beforeAll(async () => {
    clock.set('2025-03-14T20:00:00Z');
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
    clock.reset();
  });

  /** Logs a new FREE user in; call it less than 30 minutes (the token lifetime) before use. */
  async function freeToken(): Promise<{ id: number; token: string }> {
    const user = await createUser(server, { pack: PackCode.FREE });
    return { id: user.id, token: await server.login(user.email, user.password) };
  }

  (expectedTimeZone ? it : it.skip)('runs in the time zone the parent process set', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(expectedTimeZone);
  });

  it('counts 23:59:59 and 00:00:01 Algiers time on different days', async () => {
    clock.set('2025-03-14T22:50:00Z');
    const user = await freeToken();

    clock.set('2025-03-14T22:59:59Z');
    const before = await postGraphQL(server, MY_USAGE, {}, authHeaders(user));
    clock.set('2025-03-14T23:00:01Z');
    const after = await postGraphQL(server, MY_USAGE, {}, authHeaders(user));

    expect(before.body.data.myUsage).toEqual({ today: 1, month: 1 });
    expect(after.body.data.myUsage).toEqual({ today: 1, month: 2 });
    expect(await readUsageCounter(server, user.id, UsagePeriod.DAY, '2025-03-14')).toBe(1);
    expect(await readUsageCounter(server, user.id, UsagePeriod.DAY, '2025-03-15')).toBe(1);
  });

  it('accepts at 00:00:01 a user rejected at 23:59:59', async () => {
    clock.set('2025-03-14T22:50:00Z');
    const user = await freeToken();
    await setUsageCounter(server, user.id, UsagePeriod.DAY, '2025-03-14', 100);

    clock.set('2025-03-14T22:59:59Z');
    const rejected = await postGraphQL(server, '{ me { id } }', {}, authHeaders(user));
    clock.set('2025-03-14T23:00:01Z');
    const accepted = await postGraphQL(server, '{ me { id } }', {}, authHeaders(user));

    expect(rejected.status).toBe(429);
    expect(rejected.headers.get('retry-after')).toBe('1');
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('x-ratelimit-remaining')).toBe('99');
  });

  it('starts a new month on the 1st at 00:00 Algiers time', async () => {
    clock.set('2025-03-31T22:50:00Z');
    const user = await freeToken();

    clock.set('2025-03-31T22:59:59Z');
    const before = await postGraphQL(server, MY_USAGE, {}, authHeaders(user));
    clock.set('2025-03-31T23:00:01Z');
    const after = await postGraphQL(server, MY_USAGE, {}, authHeaders(user));

    expect(before.body.data.myUsage).toEqual({ today: 1, month: 1 });
    expect(after.body.data.myUsage).toEqual({ today: 1, month: 1 });
    expect(await readUsageCounter(server, user.id, UsagePeriod.MONTH, '2025-03-01')).toBe(1);
    expect(await readUsageCounter(server, user.id, UsagePeriod.MONTH, '2025-04-01')).toBe(1);
  });
});
