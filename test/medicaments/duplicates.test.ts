import type { GraphQLClient } from 'graphql-request';

import { AuditAction, AuditLog } from '../../src/auth/audit-log.entity';
import { User } from '../../src/auth/user.entity';
import { PackCode } from '../../src/packs/pack.catalog';
import {
  CleanDuplicatesDocument,
  DuplicatesDocument,
  MedicamentsTotalDocument,
  StatistiquesTotalsDocument,
} from '../generated/operations';
import { tokenForPack } from '../support/factories';
import { expectGraphQLError } from '../support/graphql';
import { REAL_TOTAL, REAL_VERSION, startServerWithRealWorkbook } from '../support/nomenclature';
import { plainUpper, readRealRows, SheetRow } from '../support/real-sheet';
import { ADMIN_EMAIL, TestServer } from '../support/server';

const compact = (text: string | undefined) => plainUpper(text ?? '').replace(/ /g, '');

/** Registration number and presentation, folded as the sheet reader sees them. */
function presentationOf(row: SheetRow): string {
  const cells = row.cells;
  return [cells['N°ENREGISTREMENT'], cells.FORME, cells.DOSAGE, cells.CONDITIONNEMENT ?? cells.COND]
    .map(compact)
    .join('|');
}

/** Groups of two rows or more sharing a presentation, among the given rows. */
function duplicateGroups(rows: SheetRow[]): SheetRow[][] {
  const groups = new Map<string, SheetRow[]>();
  for (const row of rows)
    groups.set(presentationOf(row), [...(groups.get(presentationOf(row)) ?? []), row]);
  return [...groups.values()].filter((group) => group.length > 1);
}

describe('duplicates', () => {
  let server: TestServer;
  let admin: GraphQLClient;
  let sheetRows: SheetRow[];

  beforeAll(async () => {
    server = await startServerWithRealWorkbook();
    admin = server.client({ token: await server.adminToken() });
    sheetRows = await readRealRows();
  });

  afterAll(async () => {
    await server.close();
  });

  describe('report', () => {
    it('finds the groups of the sheet', async () => {
      const expected = duplicateGroups(sheetRows);

      const { duplicates } = await admin.request(DuplicatesDocument, {});

      expect(duplicates.version).toBe(REAL_VERSION);
      expect(duplicates.groupCount).toBe(expected.length);
      expect(duplicates.extraRowCount).toBe(
        expected.reduce((sum, group) => sum + group.length - 1, 0),
      );
    });

    it('shows what differs within a group', async () => {
      const { duplicates } = await admin.request(DuplicatesDocument, {});

      for (const group of duplicates.groups) {
        for (const difference of group.differences) {
          expect(difference.values).toHaveLength(group.rows.length);
          expect(new Set(difference.values).size).toBeGreaterThan(1);
        }
      }
      const crossSheet = duplicates.groups.find(
        (group) => new Set(group.rows.map((row) => row.categorie)).size > 1,
      );
      expect(crossSheet?.differences.map((difference) => difference.field)).toContain('categorie');
    });

    it('keeps another presentation of a number apart', async () => {
      const presentations = new Map<string, Set<string>>();
      for (const row of sheetRows) {
        const number = compact(row.cells['N°ENREGISTREMENT']);
        presentations.set(
          number,
          (presentations.get(number) ?? new Set()).add(presentationOf(row)),
        );
      }
      const duplicated = new Set(
        duplicateGroups(sheetRows).map((group) => presentationOf(group[0])),
      );
      const sharedOnly = [...presentations.entries()]
        .filter(([, keys]) => keys.size > 1 && [...keys].every((key) => !duplicated.has(key)))
        .map(([number]) => number);

      const { duplicates } = await admin.request(DuplicatesDocument, {});

      const groupNumbers = new Set(
        duplicates.groups.map((group) => compact(group.numEnregistrement ?? '')),
      );
      expect(sharedOnly.length).toBeGreaterThan(0);
      expect(sharedOnly.filter((number) => groupNumbers.has(number))).toEqual([]);
      for (const group of duplicates.groups) {
        const keys = group.rows.map((row) =>
          [row.numEnregistrement, row.forme, row.dosage, row.conditionnement]
            .map((text) => compact(text ?? ''))
            .join('|'),
        );
        expect(new Set(keys).size).toBe(1);
      }
    });

    it('looks within one sheet on request', async () => {
      const nomenclature = sheetRows.filter((row) => row.sheet.startsWith('Nomenclature'));

      const { duplicates } = await admin.request(DuplicatesDocument, { categorie: 'NOMENCLATURE' });

      expect(duplicates.groupCount).toBe(duplicateGroups(nomenclature).length);
      expect(
        duplicates.groups
          .flatMap((group) => group.rows)
          .every((row) => row.categorie === 'NOMENCLATURE'),
      ).toBe(true);
    });
  });

  describe('cleanDuplicates', () => {
    it('only lists the rows by default', async () => {
      const before = await admin.request(DuplicatesDocument, {});

      const { cleanDuplicates } = await admin.request(CleanDuplicatesDocument, {});
      const after = await admin.request(DuplicatesDocument, {});

      expect(cleanDuplicates.dryRun).toBe(true);
      expect(cleanDuplicates.removedCount).toBe(before.duplicates.extraRowCount);
      expect(cleanDuplicates.removed.every((row) => row.deletedAt === null)).toBe(true);
      expect(after.duplicates.groupCount).toBe(before.duplicates.groupCount);
    });

    it('soft-deletes all but the first row of each group', async () => {
      const hospital = server.client({
        token: await tokenForPack(server, PackCode.INSTITUTIONNEL),
      });
      const statsBefore = await hospital.request(StatistiquesTotalsDocument, {});
      const report = await admin.request(DuplicatesDocument, {});

      const { cleanDuplicates } = await admin.request(CleanDuplicatesDocument, { dryRun: false });

      const firstRows = report.duplicates.groups.map((group) => group.rows[0].id);
      expect(cleanDuplicates.dryRun).toBe(false);
      expect(cleanDuplicates.kept.map((row) => row.id)).toEqual(firstRows);
      expect(cleanDuplicates.removedCount).toBe(report.duplicates.extraRowCount);
      expect(cleanDuplicates.removed.every((row) => row.deletedAt !== null)).toBe(true);

      const remaining = await admin.request(DuplicatesDocument, {});
      const visible = await admin.request(MedicamentsTotalDocument, { filter: {} });
      const withDeleted = await admin.request(MedicamentsTotalDocument, {
        filter: { includeDeleted: true },
      });
      const statsAfter = await hospital.request(StatistiquesTotalsDocument, {});
      expect(remaining.duplicates.groupCount).toBe(0);
      expect(visible.medicaments.total).toBe(REAL_TOTAL - cleanDuplicates.removedCount);
      expect(withDeleted.medicaments.total).toBe(REAL_TOTAL);
      expect(statsBefore.statistiques.totals.total).toBe(REAL_TOTAL);
      expect(statsAfter.statistiques.totals.total).toBe(REAL_TOTAL - cleanDuplicates.removedCount);
    });

    it('records who cleaned', async () => {
      const em = server.services.orm.em.fork();
      const adminUser = await em.findOneOrFail(User, { email: ADMIN_EMAIL });

      const logs = await em.find(AuditLog, { action: AuditAction.DUPLICATES_CLEANED });

      expect(logs).toHaveLength(1);
      expect(logs[0].actorId).toBe(adminUser.id);
      expect(logs[0].details?.version).toBe(REAL_VERSION);
      expect((logs[0].details?.medicamentIds as number[]).length).toBeGreaterThan(0);
    });
  });

  describe('access', () => {
    it('rejects a non-admin', async () => {
      const hospital = server.client({
        token: await tokenForPack(server, PackCode.INSTITUTIONNEL),
      });

      const error = await expectGraphQLError(hospital.request(DuplicatesDocument, {}), 'FORBIDDEN');

      expect(error.extensions.reason).toBe('ROLE');
    });

    it('rejects an unauthenticated cleanup', async () => {
      await expectGraphQLError(
        server.client().request(CleanDuplicatesDocument, { dryRun: false }),
        'UNAUTHENTICATED',
      );
    });
  });
});
