import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

import { algiersPeriods, UsagePeriod } from '../../src/packs/periods';
import { readUsageCounter, setUsageCounter } from '../support/accounts';
import { usingPostgres } from '../support/database';
import { createUser } from '../support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, TestServer } from '../support/server';

const ROOT = path.resolve(__dirname, '../..');
const SECRET_KEY = 'test-secret-key-that-is-long-enough-1234';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

/** Starts the API from its TypeScript sources in a second Node process on the same database. */
async function startSecondProcess(
  databaseUrl: string,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      SECRET_KEY,
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      LOG_LEVEL: 'silent',
      REDIS_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 120; attempt += 1) {
    const ready = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill('SIGTERM');
  throw new Error('the second server process did not start within 60 s');
}

const describeOnPostgres = usingPostgres() ? describe : describe.skip;

describeOnPostgres('quota across two processes', () => {
  let server: TestServer;
  let second: { url: string; child: ChildProcess };

  beforeAll(async () => {
    server = await startTestServer({ SECRET_KEY });
    second = await startSecondProcess(server.database.url);
  });

  afterAll(async () => {
    second?.child.kill('SIGTERM');
    await server?.close();
  });

  it('lets exactly 5 of 200 requests through over both processes', async () => {
    const user = await createUser(server);
    const token = await server.login(user.email, user.password);
    // NOTE: both processes read the real clock, so a run that straddles midnight in Algiers
    // would split the requests over two days; the test sets both periods just before.
    const periods = algiersPeriods(new Date());
    await setUsageCounter(server, user.id, UsagePeriod.DAY, periods.day, 95);
    await setUsageCounter(server, user.id, UsagePeriod.MONTH, periods.month, 95);

    const results = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        fetch(`${index % 2 === 0 ? server.url : second.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ me { id } }' }),
        }).then(async (response) => ({ status: response.status, body: await response.json() })),
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
