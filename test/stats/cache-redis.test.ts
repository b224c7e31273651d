import { once } from 'node:events';

import type { GraphQLClient } from 'graphql-request';

import { PackCode } from '../../src/packs/pack.catalog';
import {
  DeleteMedicamentDocument,
  MedicamentsDocument,
  MedicamentsTotalDocument,
  StatistiquesTotalsDocument,
  UpdateMedicamentDocument,
  VersionsDocument,
} from '../generated/operations';
import { tokenForPack } from '../support/factories';
import { importRealWorkbook, REAL_TOTAL, REAL_VERSION } from '../support/nomenclature';
import { DEFAULT_REDIS_URL, describeIfRedisAnswers, nextRemoteChange } from '../support/redis';
import { startTestServer, TestServer } from '../support/server';
import { countSql } from '../support/sql-counter';

const REDIS_URL = process.env.REDIS_URL_TEST ?? DEFAULT_REDIS_URL;
const describeWithRedis = describeIfRedisAnswers(REDIS_URL, 'the cross-process cache tests');

describeWithRedis('statistics cache across processes', () => {
  let first: TestServer;
  let second: TestServer;
  let firstAdmin: GraphQLClient;
  let secondAdmin: GraphQLClient;
  let secondHospital: GraphQLClient;

  const totalOn = async (client: GraphQLClient) =>
    (await client.request(StatistiquesTotalsDocument, {})).statistiques.totals.total;

  beforeAll(async () => {
    first = await startTestServer({ REDIS_URL });
    // Same database file, its own process state: what a second instance behind a load balancer has.
    second = await startTestServer({ REDIS_URL, DATABASE_URL: first.database.url });
    firstAdmin = first.client({ token: await first.adminToken() });
    secondAdmin = second.client({ token: await second.adminToken() });
    secondHospital = second.client({ token: await tokenForPack(second, PackCode.INSTITUTIONNEL) });
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('shows another process the version it imported', async () => {
    const before = await secondAdmin.request(VersionsDocument);
    const received = nextRemoteChange(second.services.generation);

    await importRealWorkbook(first);
    await received;

    const after = await secondAdmin.request(VersionsDocument);
    expect(before.versions).toEqual([]);
    expect(after.versions.map((version) => version.version)).toEqual([REAL_VERSION]);
    expect(await totalOn(secondHospital)).toBe(REAL_TOTAL);
  });

  it('shares cached statistics between processes', async () => {
    const firstHospital = first.client({
      token: await tokenForPack(first, PackCode.INSTITUTIONNEL),
    });
    await totalOn(firstHospital);
    const counter = countSql(second, /\bmedicament\b/i);

    const total = await totalOn(secondHospital);
    counter.stop();

    expect(total).toBe(REAL_TOTAL);
    expect(counter.statements).toEqual([]);
  });

  it('drops cached statistics everywhere after an edit', async () => {
    const cached = await totalOn(secondHospital);
    const page = await firstAdmin.request(MedicamentsDocument, { pageSize: 1 });
    const received = nextRemoteChange(second.services.generation);

    await firstAdmin.request(DeleteMedicamentDocument, { id: page.medicaments.items[0].id });
    await received;

    expect(cached).toBe(REAL_TOTAL);
    expect(await totalOn(secondHospital)).toBe(REAL_TOTAL - 1);
    const search = await secondAdmin.request(MedicamentsTotalDocument, { filter: {} });
    expect(search.medicaments.total).toBe(REAL_TOTAL - 1);
  });

  it('ignores its own messages', async () => {
    const remoteOnFirst: unknown[] = [];
    const record = (change: { fromRemote: boolean }) => {
      if (change.fromRemote) remoteOnFirst.push(change);
    };
    first.services.generation.on('change', record);
    const page = await firstAdmin.request(MedicamentsDocument, { pageSize: 2 });
    const [firstRow, secondRow] = page.medicaments.items;

    const secondReceived = nextRemoteChange(second.services.generation);
    await firstAdmin.request(UpdateMedicamentDocument, { id: firstRow.id, input: { obs: 'un' } });
    await secondReceived;
    // Redis delivers in publish order, so once the second process's message reaches the first,
    // the first process's own earlier message has reached it too.
    const firstReceived = once(first.services.generation, 'change');
    await secondAdmin.request(UpdateMedicamentDocument, {
      id: secondRow.id,
      input: { obs: 'deux' },
    });
    await firstReceived;
    first.services.generation.off('change', record);

    expect(remoteOnFirst).toEqual([
      { reason: 'edit', fromRemote: true, value: expect.any(Number) },
    ]);
  });
});
