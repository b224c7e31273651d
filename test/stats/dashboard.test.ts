import type { GraphQLClient } from 'graphql-request';

import { PackCode } from '../../src/packs/pack.catalog';
import {
  DashboardDocument,
  DashboardTotalsDocument,
  MedicamentsDocument,
  UpdateMedicamentDocument,
  type DashboardQuery,
} from '../generated/operations';
import { makeTempDir } from '../import/import-test-helpers';
import { writeEditedWorkbook } from '../support/edited-workbook';
import { tokenForPack } from '../support/factories';
import { expectGraphQLError } from '../support/graphql';
import { REAL_COUNTS, REAL_VERSION, startServerWithRealWorkbook } from '../support/nomenclature';
import { HEADER, plainUpper, readRealRows, SheetRow } from '../support/real-sheet';
import type { TestServer } from '../support/server';
import { countSql } from '../support/sql-counter';
import { uploadWorkbook } from '../support/upload';

const NEXT_VERSION = '2025-08-31';

/** Statements that read the nomenclature: the dashboard's own work. */
const NOMENCLATURE_SQL = /\b(medicament|import_log)\b/i;

/**
 * Statements of a cold dashboard with two published versions. They read the version list
 * (import logs, then counts), the category totals, the laboratory and country rankings, one
 * batched category count per ranking, the last import log, and the rows of both versions.
 */
const COLD_DASHBOARD_STATEMENTS = 9;

describe('dashboard', () => {
  let server: TestServer;
  let admin: GraphQLClient;
  let hospital: GraphQLClient;
  let rows: SheetRow[];
  const temp = makeTempDir();

  /** Changes a row's observation, which bumps the data generation and empties the caches. */
  async function touchData(text: string): Promise<void> {
    const page = await admin.request(MedicamentsDocument, { pageSize: 1 });
    await admin.request(UpdateMedicamentDocument, {
      id: page.medicaments.items[0].id,
      input: { obs: text },
    });
  }

  beforeAll(async () => {
    server = await startServerWithRealWorkbook();
    const token = await server.adminToken();
    admin = server.client({ token });
    hospital = server.client({ token: await tokenForPack(server, PackCode.INSTITUTIONNEL) });
    rows = await readRealRows();
  });

  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  describe('with one version', () => {
    let dashboard: DashboardQuery['dashboard'];

    beforeAll(async () => {
      dashboard = (await hospital.request(DashboardDocument, {})).dashboard;
    });

    it('totals every sheet', () => {
      expect(dashboard.version).toBe(REAL_VERSION);
      expect(dashboard.totals).toMatchObject({ ...REAL_COUNTS, total: rows.length });
    });

    it('ranks ten laboratories by row count', () => {
      const counts = dashboard.topLaboratoires.map((rank) => rank.count);

      expect(dashboard.topLaboratoires).toHaveLength(10);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    });

    it('counts the first laboratory like the sheet', () => {
      const [first] = dashboard.topLaboratoires;
      const ofFirst = rows.filter(
        (row) => plainUpper(row.cells[HEADER.laboratoire] ?? '') === plainUpper(first.name),
      );
      const bySheet = (name: string) => ofFirst.filter((row) => row.sheet.trim() === name).length;

      expect(first.count).toBe(ofFirst.length);
      expect(first.byCategorie).toEqual({
        nomenclature: bySheet('Nomenclature JUIN 2025'),
        nonRenouvele: bySheet('Non Renouvelés'),
        retrait: bySheet('Retraits'),
      });
    });

    it('splits every ranked country by category', () => {
      for (const rank of dashboard.topPays) {
        const { nomenclature, nonRenouvele, retrait } = rank.byCategorie;
        expect(nomenclature + nonRenouvele + retrait).toBe(rank.count);
      }
      expect(dashboard.topPays[0].name).toBe('ALGERIE');
    });

    it('summarises the last import', () => {
      const lastImport = dashboard.lastImport!;
      const byKind = lastImport.warningsByKind.reduce((sum, entry) => sum + entry.count, 0);

      expect(lastImport.status).toBe('SUCCEEDED');
      expect(lastImport.version).toBe(REAL_VERSION);
      expect(lastImport.rowCount).toBe(rows.length);
      expect(lastImport.sheets).toHaveLength(3);
      expect(byKind).toBe(lastImport.warningCount);
    });

    it('has no changes before a second version', () => {
      expect(dashboard.versions.map((version) => version.version)).toEqual([REAL_VERSION]);
      expect(dashboard.changes).toBeNull();
    });
  });

  describe('with two versions', () => {
    beforeAll(async () => {
      const copy = temp.path('nomenclature-2025-08.xlsx');
      await writeEditedWorkbook(copy, { renamed: 2, removed: 1, moved: 1, added: 0 });
      const upload = await uploadWorkbook(server, copy, {
        token: await server.adminToken(),
        version: NEXT_VERSION,
      });
      if (upload.status !== 201) throw new Error(`import failed: ${JSON.stringify(upload.body)}`);
    });

    it('reports the changes since the previous version', async () => {
      const { dashboard } = await hospital.request(DashboardDocument, {});

      expect(dashboard.version).toBe(NEXT_VERSION);
      expect(dashboard.versions.map((version) => version.version)).toEqual([
        NEXT_VERSION,
        REAL_VERSION,
      ]);
      expect(dashboard.changes).toEqual({
        from: REAL_VERSION,
        to: NEXT_VERSION,
        added: 0,
        removed: 1,
        changed: 2,
        moved: 1,
        withdrawnHidden: 0,
      });
    });

    it('runs a fixed number of statements when cold', async () => {
      await touchData('tableau de bord 1');
      const counter = countSql(server, NOMENCLATURE_SQL);

      await hospital.request(DashboardDocument, {});
      counter.stop();

      expect(counter.statements).toHaveLength(COLD_DASHBOARD_STATEMENTS);
    });

    it('runs the same statements for longer rankings', async () => {
      await touchData('tableau de bord 2');
      const counter = countSql(server, NOMENCLATURE_SQL);

      const { dashboard } = await hospital.request(DashboardDocument, { top: 50 });
      counter.stop();

      expect(dashboard.topLaboratoires).toHaveLength(50);
      expect(counter.statements).toHaveLength(COLD_DASHBOARD_STATEMENTS);
    });

    it('runs no statement when cached', async () => {
      await hospital.request(DashboardDocument, {});
      const counter = countSql(server, NOMENCLATURE_SQL);

      await hospital.request(DashboardDocument, {});
      counter.stop();

      expect(counter.statements).toEqual([]);
    });

    it('reads an older version on request', async () => {
      const { dashboard } = await hospital.request(DashboardDocument, { version: REAL_VERSION });

      expect(dashboard.version).toBe(REAL_VERSION);
      expect(dashboard.totals.total).toBe(rows.length);
      expect(dashboard.changes).toBeNull();
    });
  });

  describe('access', () => {
    it.each([PackCode.FREE, PackCode.PRO])('rejects the %s pack', async (pack) => {
      const client = server.client({ token: await tokenForPack(server, pack) });

      const error = await expectGraphQLError(client.request(DashboardTotalsDocument), 'FORBIDDEN');

      expect(error.extensions.reason).toBe('PACK_FEATURE');
      expect(error.extensions.feature).toBe('DASHBOARD');
    });

    it('rejects an unauthenticated caller', async () => {
      await expectGraphQLError(server.client().request(DashboardTotalsDocument), 'UNAUTHENTICATED');
    });

    it('rejects a ranking longer than 50', async () => {
      await expectGraphQLError(hospital.request(DashboardDocument, { top: 51 }), 'BAD_USER_INPUT');
    });
  });
});
