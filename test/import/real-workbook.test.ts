import type { GraphQLClient } from 'graphql-request';

import {
  ImportLogsDocument,
  MedicamentsDocument,
  type MedicamentFieldsFragment,
  type MedicamentFilter,
} from '../generated/operations';
import { REAL_VERSION, startServerWithRealWorkbook } from '../support/nomenclature';
import type { TestServer } from '../support/server';

/** Warning kinds of a row, optionally only those about one column. */
function warningKinds(row: MedicamentFieldsFragment, column?: string): string[] {
  return row.warnings
    .filter((warning) => column === undefined || warning.column?.trim() === column)
    .map((warning) => warning.kind);
}

/**
 * The quirks of the July 2025 ministry workbook, read back through the API after a real
 * import: nothing is dropped, odd cells are kept verbatim, and normalised values stay empty
 * with a warning when the text cannot be understood.
 */
describe('import of the real workbook', () => {
  let server: TestServer;
  let admin: GraphQLClient;

  const rows = async (filter: MedicamentFilter) =>
    (await admin.request(MedicamentsDocument, { filter, pageSize: 200 })).medicaments.items;

  /** Reads every row matching `filter`, page after page. */
  const allRows = async (filter: MedicamentFilter) => {
    const found: MedicamentFieldsFragment[] = [];
    for (let page = 1; ; page += 1) {
      const result = await admin.request(MedicamentsDocument, { filter, page, pageSize: 200 });
      found.push(...result.medicaments.items);
      if (page >= result.medicaments.pageCount) return found;
    }
  };

  beforeAll(async () => {
    server = await startServerWithRealWorkbook();
    admin = server.client({ token: await server.adminToken() });
  });

  afterAll(async () => {
    await server.close();
  });

  describe('text in date columns', () => {
    it.each(['RETRAIT', 'ABROGATION'])('keeps « %s » as the withdrawal date text', async (text) => {
      const withdrawn = await allRows({ categorie: 'RETRAIT' });

      const matching = withdrawn.filter((row) => row.dateRetraitRaw === text);

      expect(matching.length).toBeGreaterThan(0);
      expect(matching.filter((row) => row.dateRetrait !== null)).toEqual([]);
      const unwarned = matching.filter(
        (row) => !warningKinds(row, 'DATE DE RETRAIT').includes('INVALID_DATE'),
      );
      expect(unwarned.map((row) => row.sheetRow)).toEqual([]);
    });

    it('keeps the mistyped final date 19/05/205', async () => {
      const [row, ...others] = await rows({ numEnregistrement: '321/09 L 058/19/25' });

      expect(others).toEqual([]);
      expect(row.categorie).toBe('NOMENCLATURE');
      expect(row.dateEnregistrementFinalRaw).toBe('19/05/205');
      expect(row.dateEnregistrementFinal).toBeNull();
      expect(row.warnings.map((warning) => [warning.kind, warning.value])).toContainEqual([
        'INVALID_DATE',
        '19/05/205',
      ]);
    });
  });

  describe('spellings of normalised values', () => {
    it.each([
      ['GE', ['GE', 'Gé']],
      ['RE', ['RE', 'Ré']],
    ] as const)('normalises the spellings of %s', async (type, spellings) => {
      const withdrawn = await allRows({ categorie: 'RETRAIT', typeMedicament: type });

      const rawValues = new Set(withdrawn.map((row) => row.typeMedicamentRaw));
      const types = new Set(withdrawn.map((row) => row.typeMedicament));

      expect([...rawValues].sort()).toEqual([...spellings].sort());
      expect([...types]).toEqual([type]);
    });

    it.each([
      ['liste', 'LISTE_II', ['LISTE II', 'Liste II', 'Liiste II']],
      ['liste', 'STUPEFIANTS', ['StupEfiants', 'Stupéfiants']],
      ['statut', 'I', ['I', 'i']],
    ] as const)('normalises the spellings of %s %s', async (field, value, spellings) => {
      const found = await allRows({ [field]: value });

      const rawField = field === 'liste' ? 'listeRaw' : 'statutRaw';
      const rawValues = new Set(found.map((row) => row[rawField]));

      expect([...rawValues].sort()).toEqual([...spellings].sort());
    });

    it('leaves an unknown type empty and warns', async () => {
      const [row] = await rows({ numEnregistrement: '256/10 A 222/08/25' });

      expect(row.typeMedicamentRaw).toBe('FPREMIX');
      expect(row.typeMedicament).toBeNull();
      expect(warningKinds(row)).toContain('UNKNOWN_TYPE');
    });
  });

  describe('header words in data cells', () => {
    it('keeps FORME in the form column', async () => {
      const found = await rows({
        numEnregistrement: '319/01 A 033/08',
        categorie: 'NON_RENOUVELE',
      });

      expect(found).toHaveLength(1);
      const [row] = found;
      expect(row.forme).toBe('FORME');
      expect(row.nomMarque).toBe('GELARTINE');
      expect(warningKinds(row, 'FORME')).toContain('HEADER_WORD_IN_CELL');
    });

    it('keeps OBS in the laboratory column', async () => {
      const found = await rows({ numEnregistrement: '121/01 A 001/99', categorie: 'RETRAIT' });

      expect(found).toHaveLength(1);
      const [row] = found;
      expect(row.laboratoire).toBe('OBS');
      expect(row.nomMarque).toBe('HISTANAL');
      expect(row.warnings.map((warning) => warning.value)).toContain('OBS');
    });
  });

  describe('dosages typed as percentages', () => {
    it.each([
      ['DERMOCONAZOLE', '2%'],
      ['LOTEMAX', '0,50%'],
      ['APFECTO', '0,3%'],
    ])('shows %s as Excel does', async (nomMarque, dosage) => {
      const found = await rows({ nomMarque });

      const dosages = new Set(found.map((row) => row.dosage));

      expect(found.length).toBeGreaterThan(0);
      expect(dosages).toEqual(new Set([dosage]));
    });
  });

  describe('repeated registration numbers', () => {
    it('keeps each presentation of one registration number', async () => {
      const found = await rows({ numEnregistrement: '411/05 S 261/25' });

      const dosages = found
        .filter((row) => row.numEnregistrement === '411/05 S 261/25')
        .map((row) => row.dosage)
        .sort();

      expect(dosages).toEqual(['2,3MG', '3MG']);
    });

    it('keeps four rows of 263/10 G 054/23', async () => {
      const found = await rows({ numEnregistrement: '263/10 G 054/23' });

      const brands = found.map((row) => row.nomMarque);

      expect(new Set(brands).size).toBe(4);
    });
  });

  describe('import summary', () => {
    it('labels the version from the titles', async () => {
      const [log] = (await admin.request(ImportLogsDocument, { limit: 1 })).importLogs;

      const names = log.sheets.map((sheet) => sheet.name);

      expect(log.version).toBe(REAL_VERSION);
      expect(names[0]).toBe('Nomenclature JUIN 2025');
    });

    it('keeps the trailing space of "Non Renouvelés "', async () => {
      const [log] = (await admin.request(ImportLogsDocument, { limit: 1 })).importLogs;

      const sheet = log.sheets.find((candidate) => candidate.categorie === 'NON_RENOUVELE');

      expect(sheet?.name).toBe('Non Renouvelés ');
    });

    it('imports the row counts the titles declare', async () => {
      const [log] = (await admin.request(ImportLogsDocument, { limit: 1 })).importLogs;

      const counts = log.sheets.map((sheet) => [sheet.declaredCount, sheet.rowCount]);

      expect(counts).toEqual([
        [5094, 5094],
        [1520, 1520],
        [2681, 2681],
      ]);
      expect(log.rowCount).toBe(9295);
    });
  });
});
