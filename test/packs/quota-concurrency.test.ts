import { clock } from '../../src/core/clock';
import { algiersPeriods, UsagePeriod } from '../../src/packs/periods';
import { authHeaders, postGraphQL, readUsageCounter, setUsageCounter } from '../support/accounts';
import { createUser } from '../support/factories';
import { startTestServer, TestServer } from '../support/server';

describe('quota under concurrency', () => {
  let server: TestServer;

  beforeAll(async () => {
    // A fixed instant, so that no Algiers midnight falls between the setup and the requests.
    clock.set('2025-05-20T09:00:00Z');
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
    clock.reset();
  });

  it('lets exactly 5 of 200 concurrent requests through when 5 are left', async () => {
    const user = await createUser(server);
    const token = await server.login(user.email, user.password);
    const periods = algiersPeriods(clock.now());
    // The login above is not counted: it was anonymous.
    await setUsageCounter(server, user.id, UsagePeriod.DAY, periods.day, 95);
    await setUsageCounter(server, user.id, UsagePeriod.MONTH, periods.month, 95);

    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        postGraphQL(server, '{ me { id } }', {}, authHeaders({ token })),
      ),
    );

    const succeeded = results.filter((result) => result.status === 200 && !result.body.errors);
    const rejected = results.filter(
      (result) =>
        result.status === 429 && result.body.errors?.[0]?.extensions?.code === 'QUOTA_EXCEEDED',
    );
    expect(succeeded).toHaveLength(5);
    expect(rejected).toHaveLength(195);
    expect(await readUsageCounter(server, user.id, UsagePeriod.DAY, periods.day)).toBe(100);
    expect(await readUsageCounter(server, user.id, UsagePeriod.MONTH, periods.month)).toBe(100);
  });
});
