import type { GraphQLClient } from 'graphql-request';

import { PackCode } from '../../src/packs/pack.catalog';
import { MedicamentsParDciDocument, type MedicamentsParDciQuery } from '../generated/operations';
import { tokenForPack } from '../support/factories';
import { expectGraphQLError } from '../support/graphql';
import { REAL_VERSION, startServerWithRealWorkbook } from '../support/nomenclature';
import { HEADER, plainUpper, readRealRows, SheetRow } from '../support/real-sheet';
import type { TestServer } from '../support/server';

type View = MedicamentsParDciQuery['medicamentsParDci'];

const TYPE_OF: Record<string, string> = { GE: 'GE', G: 'GE', RE: 'RE', R: 'RE' };

const allRows = (view: View) =>
  view.presentations.flatMap((group) => [
    ...group.princeps,
    ...group.generiques,
    ...group.biosimilaires,
    ...group.autres,
  ]);

describe('medicamentsParDci', () => {
  let server: TestServer;
  let pharmacy: GraphQLClient;
  let sheetRows: SheetRow[];

  /** Rows of the sheet whose DCI is exactly `dci`, ignoring accents and case. */
  const rowsOfDci = (dci: string) =>
    sheetRows.filter((row) => plainUpper(row.cells[HEADER.dci] ?? '') === plainUpper(dci));

  beforeAll(async () => {
    server = await startServerWithRealWorkbook();
    pharmacy = server.client({ token: await tokenForPack(server, PackCode.PRO) });
    sheetRows = await readRealRows();
  });

  afterAll(async () => {
    await server.close();
  });

  describe('paracétamol', () => {
    let view: View;

    beforeAll(async () => {
      view = (await pharmacy.request(MedicamentsParDciDocument, { dci: 'Paracétamol' }))
        .medicamentsParDci;
    });

    it('returns every row of the DCI', () => {
      expect(view.version).toBe(REAL_VERSION);
      expect(view.dci).toBe('PARACETAMOL');
      expect(view.total).toBe(rowsOfDci('paracetamol').length);
      expect(allRows(view)).toHaveLength(view.total);
    });

    it('counts princeps and generics like the sheet', () => {
      const ofType = (type: string) =>
        rowsOfDci('paracetamol').filter(
          (row) => TYPE_OF[plainUpper(row.cells[HEADER.type] ?? '')] === type,
        ).length;

      expect(view.princepsCount).toBe(ofType('RE'));
      expect(view.generiquesCount).toBe(ofType('GE'));
    });

    it('files each row under its type', () => {
      for (const group of view.presentations) {
        expect(group.princeps.every((row) => row.typeMedicament === 'RE')).toBe(true);
        expect(group.generiques.every((row) => row.typeMedicament === 'GE')).toBe(true);
        expect(group.autres.every((row) => row.typeMedicament === null)).toBe(true);
      }
    });

    it('groups rows by dosage and form', () => {
      const compact = (text: string | null | undefined) => plainUpper(text ?? '').replace(/ /g, '');
      const keys = view.presentations.map(
        (group) => `${compact(group.dosage)}|${compact(group.forme)}`,
      );

      expect(new Set(keys).size).toBe(keys.length);
      for (const group of view.presentations) {
        for (const row of [...group.princeps, ...group.generiques, ...group.autres]) {
          expect(compact(row.dosage)).toBe(compact(group.dosage));
          expect(compact(row.forme)).toBe(compact(group.forme));
        }
      }
    });

    it('lists the laboratories once each', () => {
      const expected = new Set(
        rowsOfDci('paracetamol').map((row) => plainUpper(row.cells[HEADER.laboratoire] ?? '')),
      );
      expected.delete('');

      expect(view.laboratoires.map(plainUpper).sort()).toEqual([...expected].sort());
    });
  });

  it('leaves out other DCIs that contain the name', async () => {
    const view = (await pharmacy.request(MedicamentsParDciDocument, { dci: 'PARACETAMOL' }))
      .medicamentsParDci;

    expect(allRows(view).every((row) => plainUpper(row.dci ?? '') === 'PARACETAMOL')).toBe(true);
  });

  it('reads one category on request', async () => {
    const view = (
      await pharmacy.request(MedicamentsParDciDocument, {
        dci: 'paracetamol',
        categorie: 'NOMENCLATURE',
      })
    ).medicamentsParDci;

    const expected = rowsOfDci('paracetamol').filter((row) => row.sheet.startsWith('Nomenclature'));
    expect(view.total).toBe(expected.length);
    expect(allRows(view).every((row) => row.categorie === 'NOMENCLATURE')).toBe(true);
  });

  it('finds nothing for an unknown DCI', async () => {
    const view = (await pharmacy.request(MedicamentsParDciDocument, { dci: 'zzzzzz' }))
      .medicamentsParDci;

    expect(view.total).toBe(0);
    expect(view.presentations).toEqual([]);
  });

  it('rejects an empty DCI', async () => {
    await expectGraphQLError(
      pharmacy.request(MedicamentsParDciDocument, { dci: ' - ' }),
      'BAD_USER_INPUT',
    );
  });

  it('rejects the FREE pack', async () => {
    const free = server.client({ token: await tokenForPack(server, PackCode.FREE) });

    const error = await expectGraphQLError(
      free.request(MedicamentsParDciDocument, { dci: 'paracetamol' }),
      'FORBIDDEN',
    );

    expect(error.extensions.reason).toBe('PACK_FEATURE');
    expect(error.extensions.feature).toBe('DCI');
  });

  it('rejects an unauthenticated caller', async () => {
    await expectGraphQLError(
      server.client().request(MedicamentsParDciDocument, { dci: 'paracetamol' }),
      'UNAUTHENTICATED',
    );
  });
});
