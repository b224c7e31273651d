import type { GraphQLClient } from 'graphql-request';

import { PackCode } from '../../src/packs/pack.catalog';
import {
  HistoriqueDocument,
  NomenclatureDiffDocument,
  type NomenclatureDiffQuery,
} from '../generated/operations';
import { makeTempDir } from '../import/import-test-helpers';
import { writeEditedWorkbook, WorkbookEdits } from '../support/edited-workbook';
import { tokenForPack } from '../support/factories';
import { expectGraphQLError } from '../support/graphql';
import { REAL_COUNTS, REAL_VERSION, startServerWithRealWorkbook } from '../support/nomenclature';
import type { TestServer } from '../support/server';
import { uploadWorkbook } from '../support/upload';

const NEXT_VERSION = '2025-08-31';

type Diff = NomenclatureDiffQuery['nomenclatureDiff'];

const numbers = (rows: { numEnregistrement?: string | null }[]) =>
  rows.map((row) => row.numEnregistrement).sort();

describe('nomenclatureDiff', () => {
  let server: TestServer;
  let admin: GraphQLClient;
  let edits: WorkbookEdits;
  const temp = makeTempDir();

  beforeAll(async () => {
    server = await startServerWithRealWorkbook();
    const token = await server.adminToken();
    admin = server.client({ token });
    const copy = temp.path('nomenclature-2025-08.xlsx');
    edits = await writeEditedWorkbook(copy, { renamed: 3, removed: 2, moved: 2, added: 1 });
    const upload = await uploadWorkbook(server, copy, { token, version: NEXT_VERSION });
    if (upload.status !== 201) throw new Error(`import failed: ${JSON.stringify(upload.body)}`);
  });

  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  describe('between two imports', () => {
    let diff: Diff;

    beforeAll(async () => {
      diff = (
        await admin.request(NomenclatureDiffDocument, { from: REAL_VERSION, to: NEXT_VERSION })
      ).nomenclatureDiff;
    });

    it('counts exactly the edits', () => {
      expect(diff.summary).toEqual({
        from: REAL_VERSION,
        to: NEXT_VERSION,
        added: 1,
        removed: 2,
        changed: 3,
        moved: 2,
        withdrawnHidden: 0,
      });
    });

    it('lists the renamed rows with both brand names', () => {
      const expected = edits.renamed
        .map(({ row, newBrand }) => ({
          numEnregistrement: row.numEnregistrement,
          changes: [{ field: 'nomMarque', before: row.nomMarque, after: newBrand }],
        }))
        .sort((a, b) => String(a.numEnregistrement).localeCompare(String(b.numEnregistrement)));

      const changed = diff.changed
        .map(({ numEnregistrement, changes }) => ({ numEnregistrement, changes }))
        .sort((a, b) => String(a.numEnregistrement).localeCompare(String(b.numEnregistrement)));

      expect(changed).toEqual(expected);
      for (const entry of diff.changed) {
        expect(entry.before.version).toBe(REAL_VERSION);
        expect(entry.after.version).toBe(NEXT_VERSION);
      }
    });

    it('lists the removed rows', () => {
      expect(numbers(diff.removed)).toEqual(numbers(edits.removed));
      expect(diff.removed.every((row) => row.version === REAL_VERSION)).toBe(true);
    });

    it('lists the rows moved to the withdrawals', () => {
      expect(numbers(diff.moved)).toEqual(numbers(edits.moved));
      for (const entry of diff.moved) {
        expect(entry.fromCategorie).toBe('NOMENCLATURE');
        expect(entry.toCategorie).toBe('RETRAIT');
        expect(entry.changes).toContainEqual({
          field: 'dateRetrait',
          before: null,
          after: '2025-08-15',
        });
      }
    });

    it('lists the added row', () => {
      expect(numbers(diff.added)).toEqual(numbers(edits.added));
      expect(diff.added[0].version).toBe(NEXT_VERSION);
    });
  });

  it('swaps additions and removals when reversed', async () => {
    const reversed = (
      await admin.request(NomenclatureDiffDocument, { from: NEXT_VERSION, to: REAL_VERSION })
    ).nomenclatureDiff;

    expect(numbers(reversed.added)).toEqual(numbers(edits.removed));
    expect(numbers(reversed.removed)).toEqual(numbers(edits.added));
    expect(reversed.moved.map((entry) => entry.toCategorie)).toEqual([
      'NOMENCLATURE',
      'NOMENCLATURE',
    ]);
  });

  it('finds nothing between a version and itself', async () => {
    const same = (
      await admin.request(NomenclatureDiffDocument, { from: REAL_VERSION, to: REAL_VERSION })
    ).nomenclatureDiff;

    expect(same.summary).toMatchObject({ added: 0, removed: 0, changed: 0, moved: 0 });
  });

  it('leaves withdrawn rows out without RETRAITS', async () => {
    const free = server.client({ token: await tokenForPack(server, PackCode.FREE) });

    const diff = (
      await free.request(NomenclatureDiffDocument, { from: REAL_VERSION, to: NEXT_VERSION })
    ).nomenclatureDiff;

    expect(diff.moved).toEqual([]);
    expect(numbers(diff.removed)).toEqual(numbers([...edits.removed, ...edits.moved]));
    expect(diff.summary.withdrawnHidden).toBe(2 * REAL_COUNTS.retrait + edits.moved.length);
  });

  it('rejects an unpublished version', async () => {
    await expectGraphQLError(
      admin.request(NomenclatureDiffDocument, { from: REAL_VERSION, to: '2025-09-30' }),
      'NOT_FOUND',
    );
  });

  it('rejects a malformed version', async () => {
    await expectGraphQLError(
      admin.request(NomenclatureDiffDocument, { from: '31/07/2025', to: NEXT_VERSION }),
      'BAD_USER_INPUT',
    );
  });

  it('rejects an unauthenticated caller', async () => {
    await expectGraphQLError(
      server.client().request(NomenclatureDiffDocument, { from: REAL_VERSION, to: NEXT_VERSION }),
      'UNAUTHENTICATED',
    );
  });
});

describe('historique', () => {
  let server: TestServer;
  let admin: GraphQLClient;
  let edits: WorkbookEdits;
  const temp = makeTempDir();

  beforeAll(async () => {
    server = await startServerWithRealWorkbook();
    const token = await server.adminToken();
    admin = server.client({ token });
    const copy = temp.path('nomenclature-2025-08.xlsx');
    edits = await writeEditedWorkbook(copy, { renamed: 1, removed: 1, moved: 1, added: 0 });
    await uploadWorkbook(server, copy, { token, version: NEXT_VERSION });
  });

  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  it('follows a withdrawn registration through the versions', async () => {
    const number = edits.moved[0].numEnregistrement!;

    const result = await admin.request(HistoriqueDocument, { numEnregistrement: number });

    const versions = result.historique.versions;
    expect(versions.map((entry) => entry.version)).toEqual([REAL_VERSION, NEXT_VERSION]);
    expect(versions.map((entry) => entry.categories)).toEqual([['NOMENCLATURE'], ['RETRAIT']]);
    expect(versions.every((entry) => entry.present)).toBe(true);
  });

  it('matches the number without case or punctuation', async () => {
    const number = edits.renamed[0].row.numEnregistrement!;
    const loose = number.toLowerCase().replace(/\//g, ' ');

    const result = await admin.request(HistoriqueDocument, { numEnregistrement: loose });

    const rows = result.historique.versions.flatMap((entry) => entry.rows);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((row) => row.numEnregistrement === number)).toBe(true);
  });

  it('shows a removed registration as absent', async () => {
    const number = edits.removed[0].numEnregistrement!;

    const result = await admin.request(HistoriqueDocument, { numEnregistrement: number });

    expect(result.historique.versions.map((entry) => entry.present)).toEqual([true, false]);
  });

  it('hides the withdrawn state without RETRAITS', async () => {
    const free = server.client({ token: await tokenForPack(server, PackCode.FREE) });

    const result = await free.request(HistoriqueDocument, {
      numEnregistrement: edits.moved[0].numEnregistrement!,
    });

    const [july, august] = result.historique.versions;
    expect(july.present).toBe(true);
    expect(august.present).toBe(false);
    expect(august.withdrawnHidden).toBe(1);
  });

  it('rejects an empty number', async () => {
    await expectGraphQLError(
      admin.request(HistoriqueDocument, { numEnregistrement: ' / ' }),
      'BAD_USER_INPUT',
    );
  });
});
