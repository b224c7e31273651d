import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { PackCode } from '../../src/packs/pack.catalog';
import { authHeaders, postGraphQL } from '../support/accounts';
import { tokenForPack } from '../support/factories';
import { expectGraphQLError } from '../support/graphql';
import { startTestServer, TestServer } from '../support/server';
import { writeSmallWorkbook } from '../support/test-workbooks';
import { uploadWorkbook } from '../support/upload';

const MY_PACK = '{ myPack { code maxApiKeys dailyLimit monthlyLimit features } }';
const MY_USAGE = '{ myUsage { today month dailyLimit monthlyLimit resetAt } }';
const SEARCH =
  'query ($filter: MedicamentFilter) { medicaments(filter: $filter) { total withdrawnHidden items { categorie } } }';

describe('packs', () => {
  let server: TestServer;
  let folder: string;

  beforeAll(async () => {
    server = await startTestServer();
    folder = mkdtempSync(path.join(os.tmpdir(), 'npp-packs-'));
    const workbook = path.join(folder, 'small.xlsx');
    await writeSmallWorkbook(workbook, { NOMENCLATURE: 4, NON_RENOUVELE: 2, RETRAIT: 3 });
    const upload = await uploadWorkbook(server, workbook, { token: await server.adminToken() });
    expect(upload.status).toBe(201);
  });

  afterAll(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  describe('packs', () => {
    it('lists the catalogue without authentication', async () => {
      const result = await server.client().request<any>('{ packs { code maxApiKeys dailyLimit } }');

      expect(result.packs).toEqual([
        { code: 'FREE', maxApiKeys: 1, dailyLimit: 100 },
        { code: 'PRO', maxApiKeys: 3, dailyLimit: null },
        { code: 'INSTITUTIONNEL', maxApiKeys: 5, dailyLimit: null },
        { code: 'DEVELOPPEUR', maxApiKeys: 10, dailyLimit: null },
      ]);
    });
  });

  describe('myPack', () => {
    it('rejects anonymous callers', async () => {
      await expectGraphQLError(server.client().request(MY_PACK), 'UNAUTHENTICATED');
    });

    it.each([
      [PackCode.FREE, 1, 100, 1000],
      [PackCode.PRO, 3, null, null],
      [PackCode.INSTITUTIONNEL, 5, null, null],
      [PackCode.DEVELOPPEUR, 10, null, null],
    ])('returns the %s pack of the caller', async (pack, maxApiKeys, daily, monthly) => {
      const token = await tokenForPack(server, pack);

      const result = await server.client({ token }).request<any>(MY_PACK);

      expect(result.myPack.code).toBe(pack);
      expect(result.myPack.maxApiKeys).toBe(maxApiKeys);
      expect(result.myPack.dailyLimit).toBe(daily);
      expect(result.myPack.monthlyLimit).toBe(monthly);
    });
  });

  describe('myUsage', () => {
    it('rejects anonymous callers', async () => {
      await expectGraphQLError(server.client().request(MY_USAGE), 'UNAUTHENTICATED');
    });

    it('returns the FREE limits and counts the request itself', async () => {
      const token = await tokenForPack(server, PackCode.FREE);

      await server.client({ token }).request('{ me { id } }');
      const result = await server.client({ token }).request<any>(MY_USAGE);

      expect(result.myUsage.today).toBe(2);
      expect(result.myUsage.month).toBe(2);
      expect(result.myUsage.dailyLimit).toBe(100);
      expect(result.myUsage.monthlyLimit).toBe(1000);
      expect(Date.parse(result.myUsage.resetAt)).toBeGreaterThan(Date.now());
    });

    it('returns null limits and buffered counts for a pack without limits', async () => {
      const token = await tokenForPack(server, PackCode.PRO);

      await server.client({ token }).request('{ me { id } packs { code } }');
      const result = await server.client({ token }).request<any>(MY_USAGE);

      expect(result.myUsage.today).toBe(3);
      expect(result.myUsage.dailyLimit).toBeNull();
      expect(result.myUsage.monthlyLimit).toBeNull();
    });
  });

  describe('advanced filters', () => {
    it('rejects an advanced filter on FREE with PACK_FEATURE', async () => {
      const token = await tokenForPack(server, PackCode.FREE);

      const error = await expectGraphQLError(
        server.client({ token }).request(SEARCH, { filter: { dci: 'PARACETAMOL' } }),
        'FORBIDDEN',
      );

      expect(error.extensions.reason).toBe('PACK_FEATURE');
      expect(error.extensions.feature).toBe('ADVANCED_FILTERS');
      expect(error.extensions.packs).toEqual(['PRO', 'INSTITUTIONNEL', 'DEVELOPPEUR']);
    });

    it('accepts the same filter on PRO', async () => {
      const token = await tokenForPack(server, PackCode.PRO);

      const result = await server
        .client({ token })
        .request<any>(SEARCH, { filter: { dci: 'PARACETAMOL' } });

      expect(result.medicaments.total).toBe(9);
    });

    it('accepts a plain text search on FREE', async () => {
      const token = await tokenForPack(server, PackCode.FREE);

      const result = await server
        .client({ token })
        .request<any>(SEARCH, { filter: { q: 'essai' } });

      expect(result.medicaments.total).toBe(6);
    });
  });

  describe('withdrawals', () => {
    it('hides withdrawn rows from FREE and counts them in withdrawnHidden', async () => {
      const token = await tokenForPack(server, PackCode.FREE);

      const result = await postGraphQL(
        server,
        SEARCH,
        { filter: { q: 'paracetamol' } },
        authHeaders({ token }),
      );

      const categories = result.body.data.medicaments.items.map((item: any) => item.categorie);
      expect(result.body.data.medicaments.total).toBe(6);
      expect(result.body.data.medicaments.withdrawnHidden).toBe(3);
      expect(categories).not.toContain('RETRAIT');
    });

    it('shows withdrawn rows to PRO', async () => {
      const token = await tokenForPack(server, PackCode.PRO);

      const result = await postGraphQL(
        server,
        SEARCH,
        { filter: { q: 'paracetamol' } },
        authHeaders({ token }),
      );

      const categories = result.body.data.medicaments.items.map((item: any) => item.categorie);
      expect(result.body.data.medicaments.total).toBe(9);
      expect(result.body.data.medicaments.withdrawnHidden).toBe(0);
      expect(categories.filter((categorie: string) => categorie === 'RETRAIT')).toHaveLength(3);
    });
  });
});
