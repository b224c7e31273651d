import type { GraphQLClient } from 'graphql-request';

import { PackCode } from '../../src/packs/pack.catalog';
import {
  MedicamentsDocument,
  StatistiquesDocument,
  StatistiquesTotalsDocument,
  UpdateMedicamentDocument,
  DeleteMedicamentDocument,
  type StatistiquesQuery,
} from '../generated/operations';
import { tokenForPack } from '../support/factories';
import { expectGraphQLError } from '../support/graphql';
import {
  importRealWorkbook,
  REAL_VERSION,
  startServerWithRealWorkbook,
} from '../support/nomenclature';
import { HEADER, plainUpper, readRealRows, SheetRow } from '../support/real-sheet';
import type { TestServer } from '../support/server';
import { countSql } from '../support/sql-counter';

/** Type spellings of the sheets and the normalised type each one means. */
const TYPE_OF: Record<string, string> = {
  GE: 'GE',
  G: 'GE',
  RE: 'RE',
  R: 'RE',
  BIO: 'BIO',
  BIOS: 'BIO',
  B: 'BIO',
};

function countWhere(rows: SheetRow[], keep: (row: SheetRow) => boolean): number {
  return rows.filter(keep).length;
}

function entryCount(
  breakdown: StatistiquesQuery['statistiques']['byTypeMedicament'],
  value: string | null,
) {
  return breakdown.entries.find((entry) => entry.value === value)?.count ?? 0;
}

describe('statistiques', () => {
  let server: TestServer;
  let institution: GraphQLClient;
  let rows: SheetRow[];

  beforeAll(async () => {
    server = await startServerWithRealWorkbook();
    institution = server.client({ token: await tokenForPack(server, PackCode.INSTITUTIONNEL) });
    rows = await readRealRows();
  });

  afterAll(async () => {
    await server.close();
  });

  describe('figures', () => {
    let stats: StatistiquesQuery['statistiques'];

    beforeAll(async () => {
      stats = (await institution.request(StatistiquesDocument, {})).statistiques;
    });

    it('counts the rows of each sheet', () => {
      const bySheet = (name: string) => countWhere(rows, (row) => row.sheet.trim() === name);

      expect(stats.version).toBe(REAL_VERSION);
      expect(stats.totals.nomenclature).toBe(bySheet('Nomenclature JUIN 2025'));
      expect(stats.totals.nonRenouvele).toBe(bySheet('Non Renouvelés'));
      expect(stats.totals.retrait).toBe(bySheet('Retraits'));
      expect(stats.totals.total).toBe(rows.length);
      expect(stats.totals.withdrawnHidden).toBe(0);
    });

    it('merges type spellings into one type', () => {
      const ofType = (type: string) =>
        countWhere(rows, (row) => TYPE_OF[plainUpper(row.cells[HEADER.type] ?? '')] === type);
      const unknown = countWhere(rows, (row) => !TYPE_OF[plainUpper(row.cells[HEADER.type] ?? '')]);

      expect(entryCount(stats.byTypeMedicament, 'GE')).toBe(ofType('GE'));
      expect(entryCount(stats.byTypeMedicament, 'RE')).toBe(ofType('RE'));
      expect(entryCount(stats.byTypeMedicament, 'BIO')).toBe(ofType('BIO'));
      expect(entryCount(stats.byTypeMedicament, null)).toBe(unknown);
      expect(stats.byTypeMedicament.distinct).toBe(3);
    });

    it('counts distinct laboratories', () => {
      const laboratories = new Set(
        rows.map((row) => plainUpper(row.cells[HEADER.laboratoire] ?? '')).filter(Boolean),
      );

      expect(stats.byLaboratoire.distinct).toBe(laboratories.size);
    });

    it('counts the rows of the first country', () => {
      const [first] = stats.byPaysLaboratoire.entries;
      const expected = countWhere(
        rows,
        (row) => plainUpper(row.cells[HEADER.paysLaboratoire] ?? '') === plainUpper(first.label),
      );

      expect(first.label).toBe('ALGERIE');
      expect(first.count).toBe(expected);
    });

    it('counts statuts after case folding', () => {
      const ofStatut = (statut: string) =>
        countWhere(rows, (row) => plainUpper(row.cells[HEADER.statut] ?? '') === statut);

      expect(entryCount(stats.byStatut, 'F')).toBe(ofStatut('F'));
      expect(entryCount(stats.byStatut, 'I')).toBe(ofStatut('I'));
    });

    it('sorts every breakdown by count', () => {
      for (const breakdown of [stats.byForme, stats.byLaboratoire, stats.byListe]) {
        const counts = breakdown.entries.map((entry) => entry.count);
        expect(counts).toEqual([...counts].sort((a, b) => b - a));
      }
    });

    it('sums each breakdown to the total', () => {
      for (const breakdown of [stats.byForme, stats.byPaysLaboratoire, stats.byStatut]) {
        const sum = breakdown.entries.reduce((total, entry) => total + entry.count, 0);
        expect(sum).toBe(stats.totals.total);
      }
    });
  });

  describe('limit', () => {
    it('sums the values beyond the limit as others', async () => {
      const full = (await institution.request(StatistiquesDocument, {})).statistiques;
      const limited = (await institution.request(StatistiquesDocument, { limit: 5 })).statistiques;

      const listed = limited.byLaboratoire.entries.reduce((sum, entry) => sum + entry.count, 0);
      expect(limited.byLaboratoire.entries).toEqual(full.byLaboratoire.entries.slice(0, 5));
      expect(limited.byLaboratoire.othersCount).toBe(full.totals.total - listed);
      expect(limited.byLaboratoire.othersValues).toBe(full.byLaboratoire.entries.length - 5);
      expect(limited.byLaboratoire.distinct).toBe(full.byLaboratoire.distinct);
      expect(limited.byTypeMedicament.othersCount).toBe(0);
    });

    it('rejects a limit below one', async () => {
      const error = await expectGraphQLError(
        institution.request(StatistiquesDocument, { limit: 0 }),
        'BAD_USER_INPUT',
      );

      expect(error.extensions.field).toBe('limit');
    });
  });

  describe('filters', () => {
    it('counts the rows a DCI filter matches', async () => {
      const expected = countWhere(rows, (row) =>
        plainUpper(row.cells[HEADER.dci] ?? '')
          .split(' ')
          .some((word) => word.startsWith('PARACETAMOL')),
      );

      const result = await institution.request(StatistiquesTotalsDocument, {
        filter: { dci: 'Paracétamol' },
      });

      expect(result.statistiques.totals.total).toBe(expected);
    });

    it('agrees with medicaments on combined filters', async () => {
      const filter = { categorie: 'NOMENCLATURE', paysLaboratoire: 'algérie' } as const;

      const stats = await institution.request(StatistiquesTotalsDocument, { filter });
      const search = await institution.request(MedicamentsDocument, { filter, pageSize: 1 });

      expect(stats.statistiques.totals.total).toBe(search.medicaments.total);
      expect(stats.statistiques.totals.nonRenouvele).toBe(0);
    });

    it('rejects an unknown version', async () => {
      await expectGraphQLError(
        institution.request(StatistiquesDocument, { version: '2020-01-31' }),
        'NOT_FOUND',
      );
    });
  });

  describe('access', () => {
    it.each([PackCode.FREE, PackCode.PRO])('rejects the %s pack', async (pack) => {
      const client = server.client({ token: await tokenForPack(server, pack) });

      const error = await expectGraphQLError(
        client.request(StatistiquesTotalsDocument, {}),
        'FORBIDDEN',
      );

      expect(error.extensions.reason).toBe('PACK_FEATURE');
      expect(error.extensions.feature).toBe('STATS');
    });

    it('rejects an unauthenticated caller', async () => {
      await expectGraphQLError(
        server.client().request(StatistiquesTotalsDocument, {}),
        'UNAUTHENTICATED',
      );
    });
  });

  describe('cache', () => {
    const medicamentSql = /\bmedicament\b/i;

    async function firstRowOfType(type: 'GE' | 'RE') {
      const admin = server.client({ token: await server.adminToken() });
      const result = await admin.request(MedicamentsDocument, {
        filter: { typeMedicament: type, categorie: 'NOMENCLATURE' },
        pageSize: 1,
      });
      return { admin, row: result.medicaments.items[0] };
    }

    it('answers a repeated query without SQL', async () => {
      await institution.request(StatistiquesDocument, {});
      const counter = countSql(server, medicamentSql);

      await institution.request(StatistiquesDocument, {});
      counter.stop();

      expect(counter.statements).toEqual([]);
    });

    it('recounts after an edit', async () => {
      const before = (await institution.request(StatistiquesDocument, {})).statistiques;
      const { admin, row } = await firstRowOfType('GE');

      await admin.request(UpdateMedicamentDocument, {
        id: row.id,
        input: { typeMedicament: 'RE' },
      });
      const after = (await institution.request(StatistiquesDocument, {})).statistiques;

      expect(entryCount(after.byTypeMedicament, 'GE')).toBe(
        entryCount(before.byTypeMedicament, 'GE') - 1,
      );
      expect(entryCount(after.byTypeMedicament, 'RE')).toBe(
        entryCount(before.byTypeMedicament, 'RE') + 1,
      );
    });

    it('recounts after an import', async () => {
      const { admin, row } = await firstRowOfType('RE');
      await admin.request(DeleteMedicamentDocument, { id: row.id });
      const edited = (await institution.request(StatistiquesTotalsDocument, {})).statistiques;

      await importRealWorkbook(server);
      const reimported = (await institution.request(StatistiquesTotalsDocument, {})).statistiques;

      expect(edited.totals.total).toBe(rows.length - 1);
      expect(reimported.totals.total).toBe(rows.length);
    });
  });
});
