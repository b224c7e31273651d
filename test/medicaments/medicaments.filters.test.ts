import type { GraphQLClient } from 'graphql-request';

import { PackCode } from '../../src/packs/pack.catalog';
import {
  MedicamentsDocument,
  MedicamentsTotalDocument,
  type MedicamentFilter,
} from '../generated/operations';
import { tokenForPack } from '../support/factories';
import { expectGraphQLError } from '../support/graphql';
import {
  countsByCategory,
  REAL_COUNTS,
  REAL_TOTAL,
  REAL_VERSION,
  startServerWithRealWorkbook,
} from '../support/nomenclature';
import type { TestServer } from '../support/server';
import { matchesEveryWord } from '../support/text';

describe('medicaments (filters)', () => {
  let server: TestServer;
  let admin: GraphQLClient;

  const search = (filter: MedicamentFilter) =>
    admin.request(MedicamentsDocument, { filter, pageSize: 200 });
  const total = async (filter: MedicamentFilter) =>
    (await admin.request(MedicamentsTotalDocument, { filter })).medicaments.total;

  beforeAll(async () => {
    server = await startServerWithRealWorkbook();
    admin = server.client({ token: await server.adminToken() });
  });

  afterAll(async () => {
    await server.close();
  });

  describe('categorie', () => {
    it('counts every row of each sheet', async () => {
      const counts = await countsByCategory(server);

      expect(counts).toEqual(REAL_COUNTS);
    });

    it('counts every row without a filter', async () => {
      const all = await total({});

      expect(all).toBe(REAL_TOTAL);
    });
  });

  describe('text filters', () => {
    it('matches the DCI column', async () => {
      const result = await search({ dci: 'amox' });

      const misses = result.medicaments.items.filter((item) => !matchesEveryWord('amox', item.dci));
      expect(result.medicaments.total).toBeGreaterThan(0);
      expect(misses.map((item) => item.dci)).toEqual([]);
    });

    it('combines the DCI and country filters', async () => {
      const dciOnly = await total({ dci: 'amox' });

      const result = await search({ dci: 'amox', paysLaboratoire: 'ALGERIE' });

      const countries = new Set(result.medicaments.items.map((item) => item.paysLaboratoire));
      const misses = result.medicaments.items.filter((item) => !matchesEveryWord('amox', item.dci));
      expect(result.medicaments.total).toBeGreaterThan(0);
      expect(result.medicaments.total).toBeLessThan(dciOnly);
      expect([...countries]).toEqual(['ALGERIE']);
      expect(misses).toEqual([]);
    });

    it('matches the laboratory column', async () => {
      const result = await search({ laboratoire: 'saidal' });

      const misses = result.medicaments.items.filter(
        (item) => !matchesEveryWord('saidal', item.laboratoire),
      );
      expect(result.medicaments.total).toBeGreaterThan(0);
      expect(misses.map((item) => item.laboratoire)).toEqual([]);
    });

    it('matches the brand column without accents or case', async () => {
      const result = await search({ nomMarque: 'Dolipràne' });

      const misses = result.medicaments.items.filter(
        (item) => !matchesEveryWord('doliprane', item.nomMarque),
      );
      expect(result.medicaments.total).toBeGreaterThan(0);
      expect(misses.map((item) => item.nomMarque)).toEqual([]);
    });

    it('matches only its own column', async () => {
      const asBrand = await total({ nomMarque: 'doliprane' });

      const asDci = await total({ dci: 'doliprane' });

      expect(asBrand).toBeGreaterThan(0);
      expect(asDci).toBe(0);
    });

    it('matches the registration number column', async () => {
      const result = await search({ numEnregistrement: '411/05 S 261/25' });

      const numbers = new Set(result.medicaments.items.map((item) => item.numEnregistrement));
      expect([...numbers]).toEqual(['411/05 S 261/25']);
    });
  });

  describe('enum filters', () => {
    it.each([
      ['typeMedicament', 'GE'],
      ['typeMedicament', 'BIO'],
      ['liste', 'STUPEFIANTS'],
      ['statut', 'I'],
    ] as const)('returns only rows whose %s is %s', async (field, value) => {
      const result = await search({ [field]: value });

      const values = new Set(result.medicaments.items.map((item) => item[field]));
      expect(result.medicaments.total).toBeGreaterThan(0);
      expect(result.medicaments.total).toBeLessThan(REAL_TOTAL);
      expect([...values]).toEqual([value]);
    });
  });

  describe('date range', () => {
    it('returns only rows registered within the range', async () => {
      const range = { dateInitialMin: '2024-01-01', dateInitialMax: '2024-12-31' };

      const result = await search(range);

      const outside = result.medicaments.items.filter(
        (item) =>
          !item.dateEnregistrementInitial ||
          item.dateEnregistrementInitial < range.dateInitialMin ||
          item.dateEnregistrementInitial > range.dateInitialMax,
      );
      expect(result.medicaments.total).toBeGreaterThan(0);
      expect(result.medicaments.total).toBeLessThan(REAL_TOTAL);
      expect(outside).toEqual([]);
    });

    it('includes both bounds', async () => {
      const [row] = (await search({ dateInitialMin: '2024-01-01' })).medicaments.items;
      const day = row.dateEnregistrementInitial as string;

      const result = await search({ dateInitialMin: day, dateInitialMax: day });

      const days = new Set(result.medicaments.items.map((item) => item.dateEnregistrementInitial));
      expect(result.medicaments.items.map((item) => item.id)).toContain(row.id);
      expect([...days]).toEqual([day]);
    });

    it('rejects a date that is not YYYY-MM-DD', async () => {
      const error = await expectGraphQLError(
        admin.request(MedicamentsTotalDocument, { filter: { dateInitialMin: '31/12/2024' } }),
        'BAD_USER_INPUT',
      );

      expect(error.message).toContain('dateInitialMin');
    });
  });

  describe('version', () => {
    it('reads the version it names', async () => {
      const result = await admin.request(MedicamentsDocument, {
        filter: { version: REAL_VERSION },
        pageSize: 1,
      });

      expect(result.medicaments.version).toBe(REAL_VERSION);
      expect(result.medicaments.total).toBe(REAL_TOTAL);
    });

    it('reports a version that is not published as NOT_FOUND', async () => {
      const error = await expectGraphQLError(
        admin.request(MedicamentsTotalDocument, { filter: { version: '2024-01-31' } }),
        'NOT_FOUND',
      );

      expect(error.message).toContain('2024-01-31');
    });
  });

  describe('access', () => {
    it('rejects advanced filters from the FREE pack', async () => {
      const free = server.client({ token: await tokenForPack(server, PackCode.FREE) });

      const error = await expectGraphQLError(
        free.request(MedicamentsTotalDocument, { filter: { dci: 'amox' } }),
        'FORBIDDEN',
      );

      expect(error.extensions.reason).toBe('PACK_FEATURE');
      expect(error.extensions.feature).toBe('ADVANCED_FILTERS');
      expect(error.extensions.packs).toEqual(
        expect.arrayContaining(['PRO', 'INSTITUTIONNEL', 'DEVELOPPEUR']),
      );
    });
  });
});
