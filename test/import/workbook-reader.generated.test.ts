import { existsSync } from 'node:fs';
import { parseWorkbook } from '../../src/import/workbook-reader';
import {
  Categorie,
  Liste,
  ParsedRow,
  ParsedWorkbook,
  Statut,
  TypeMedicament,
  WarningKind,
} from '../../src/import/workbook.types';
import {
  FactoryCell,
  FactorySheet,
  ministryTitle,
  NOMENCLATURE_COLUMNS,
  RETRAIT_COLUMNS,
  writeParsedWorkbook,
  writeWorkbook,
} from '../support/workbook-factory';
import { makeTempDir } from './import-test-helpers';

jest.setTimeout(60_000);

const REAL_WORKBOOK = '/work/shared/data/nomenclature-2025-07.xlsx';
const NOMENCLATURE_SUBJECT =
  'NOMENCLATURE NATIONALE DES PRODUITS PHARMACEUTIQUES A USAGE DE LA MEDECINE HUMAINE';
const RETRAIT_SUBJECT = "LISTE DES PRODUITS PHARMACEUTIQUES FAISANT L'OBJET DE RETRAIT";

/** Builds a Nomenclature row in NOMENCLATURE_COLUMNS order, some cells overridden by header. */
function nomenclatureRow(n: number, overrides: Record<string, FactoryCell> = {}): FactoryCell[] {
  const base: Record<string, FactoryCell> = {
    N: n,
    'N°ENREGISTREMENT': `${String(n).padStart(3, '0')}/01 A 001/25`,
    CODE: '01 A 001',
    'DENOMINATION COMMUNE INTERNATIONALE': 'PARACETAMOL',
    'NOM DE MARQUE': `MARQUE ${n}`,
    FORME: 'COMPRIME',
    DOSAGE: '500MG',
    CONDITIONNEMENT: 'B/20',
    LISTE: 'LISTE II',
    P1: 'HOP',
    P2: 'OFF',
    "LABORATOIRES DETENTEUR DE LA DECISION D'ENREGISTREMENT": 'LABO TEST',
    "PAYS DU LABORATOIRE DETENTEUR DE LA DECISION D'ENREGISTREMENT": 'ALGERIE',
    "DATE D'ENREGISTREMENT INITIAL ": new Date(Date.UTC(2020, 0, 15)),
    "DATE D'ENREGISTREMENT  FINAL ": new Date(Date.UTC(2025, 5, 30)),
    TYPE: 'GE',
    STATUT: 'F',
    'DUREE DE STABILITE': '36 MOIS',
  };
  const cells = { ...base, ...overrides };
  return NOMENCLATURE_COLUMNS.map((header) => cells[header] ?? null);
}

function nomenclatureSheet(
  rows: Array<FactoryCell[] | null>,
  dateText = '31 JUILLET 2025',
): FactorySheet {
  return {
    name: 'Nomenclature',
    title: ministryTitle(NOMENCLATURE_SUBJECT, dateText, rows.filter(Boolean).length),
    headerRow: 6,
    columns: NOMENCLATURE_COLUMNS,
    rows,
  };
}

function warningKinds(row: ParsedRow): WarningKind[] {
  return row.warnings.map((warning) => warning.kind);
}

describe('parseWorkbook on generated workbooks', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  async function parseSheets(name: string, sheets: FactorySheet[]): Promise<ParsedWorkbook> {
    const filePath = temp.path(name);
    await writeWorkbook(filePath, sheets);
    return parseWorkbook(filePath);
  }

  it('reads a header on row 1 with shuffled columns', async () => {
    const columns = [
      'MOTIF DE RETRAIT',
      'NOM DE MARQUE',
      'DATE DE RETRAIT',
      'N°ENREGISTREMENT',
      'TYPE',
      'N°',
    ];
    const rows = [
      [
        'ARRET DE COMMERCIALISATION',
        'ASPIRINE',
        new Date(Date.UTC(2024, 1, 29)),
        '001/01 A 001/99',
        'Ré',
        7,
      ],
    ];
    const workbook = await parseSheets('shuffled.xlsx', [{ name: 'Retraits', columns, rows }]);

    const [sheet] = workbook.sheets;
    expect(sheet.categorie).toBe(Categorie.RETRAIT);
    expect(sheet.headerRow).toBe(1);
    expect(sheet.title).toBe('');
    expect(sheet.declaredCount).toBeNull();
    expect(workbook.versionLabel).toBeNull();

    const [row] = sheet.rows;
    expect(row.sheetRow).toBe(2);
    expect(row.n).toBe('7');
    expect(row.numEnregistrement).toBe('001/01 A 001/99');
    expect(row.nomMarque).toBe('ASPIRINE');
    expect(row.dateRetrait).toBe('2024-02-29');
    expect(row.motifRetrait).toBe('ARRET DE COMMERCIALISATION');
    expect(row.typeMedicament).toBe(TypeMedicament.RE);
  });

  it('reports missing columns of the category', async () => {
    const columns = ['N°ENREGISTREMENT', 'NOM DE MARQUE', 'FORME', 'DOSAGE'];
    const workbook = await parseSheets('missing.xlsx', [
      { name: 'Retraits', columns, rows: [['1', 'A', 'B', 'C']] },
    ]);
    const missing = workbook.sheets[0].warnings.filter(
      (w) => w.kind === WarningKind.MISSING_COLUMN,
    );
    expect(missing.map((warning) => warning.column)).toEqual(
      expect.arrayContaining(['DATE DE RETRAIT', 'MOTIF DE RETRAIT', 'STATUT']),
    );
  });

  it('reports unknown and duplicate columns', async () => {
    const columns = [...NOMENCLATURE_COLUMNS, 'PRIX PUBLIC', 'DCI'];
    const rows = [[...nomenclatureRow(1), '120 DA', 'AUTRE DCI']];
    const workbook = await parseSheets('unknown.xlsx', [{ ...nomenclatureSheet(rows), columns }]);
    const [sheet] = workbook.sheets;
    const unknown = sheet.warnings.filter((warning) => warning.kind === WarningKind.UNKNOWN_COLUMN);
    expect(unknown.map((warning) => warning.column)).toEqual(['PRIX PUBLIC', 'DCI']);
    expect(sheet.rows[0].dci).toBe('PARACETAMOL');
  });

  it('converts a serial number in a date column', async () => {
    const rows = [nomenclatureRow(1, { "DATE D'ENREGISTREMENT INITIAL ": 45000 })];
    const [row] = (await parseSheets('serial.xlsx', [nomenclatureSheet(rows)])).sheets[0].rows;
    expect(row.dateEnregistrementInitial).toBe('2023-03-15');
    expect(row.dateEnregistrementInitialRaw).toBe('45000');
    expect(warningKinds(row)).toEqual([]);
  });

  it('parses dd/mm/yyyy text dates without warning', async () => {
    const rows = [nomenclatureRow(1, { "DATE D'ENREGISTREMENT  FINAL ": ' 05/03/2024 ' })];
    const [row] = (await parseSheets('text-date.xlsx', [nomenclatureSheet(rows)])).sheets[0].rows;
    expect(row.dateEnregistrementFinal).toBe('2024-03-05');
    expect(row.dateEnregistrementFinalRaw).toBe('05/03/2024');
    expect(warningKinds(row)).toEqual([]);
  });

  it('warns on a 31 February text date', async () => {
    const rows = [nomenclatureRow(1, { "DATE D'ENREGISTREMENT  FINAL ": '31/02/2024' })];
    const [row] = (await parseSheets('bad-date.xlsx', [nomenclatureSheet(rows)])).sheets[0].rows;
    expect(row.dateEnregistrementFinal).toBeNull();
    expect(row.dateEnregistrementFinalRaw).toBe('31/02/2024');
    expect(warningKinds(row)).toEqual([WarningKind.INVALID_DATE]);
    expect(row.warnings[0].message).toContain('Ligne 7');
  });

  it('reads formula results and rich text cells', async () => {
    const rows = [
      nomenclatureRow(1, {
        DOSAGE: { formula: '1/4', result: 0.25 },
        'NOM DE MARQUE': { richText: [{ text: 'DOLI' }, { text: 'PRANE ' }] },
        LISTE: 'Stupéfiants',
        STATUT: 'i',
      }),
    ];
    const [row] = (await parseSheets('formula.xlsx', [nomenclatureSheet(rows)])).sheets[0].rows;
    expect(row.dosage).toBe('0.25');
    expect(row.nomMarque).toBe('DOLIPRANE');
    expect(row.liste).toBe(Liste.STUPEFIANTS);
    expect(row.statut).toBe(Statut.I);
  });

  it('skips blank rows and keeps sparse ones', async () => {
    const sparse = NOMENCLATURE_COLUMNS.map((header) => (header === 'N' ? 3 : null));
    const rows = [nomenclatureRow(1), null, nomenclatureRow(2), sparse];
    const [sheet] = (await parseSheets('sparse.xlsx', [nomenclatureSheet(rows)])).sheets;
    expect(sheet.rows.map((row) => row.sheetRow)).toEqual([7, 9, 10]);
    const last = sheet.rows[2];
    expect(last.n).toBe('3');
    expect(warningKinds(last)).toEqual([WarningKind.MISSING_VALUE, WarningKind.MISSING_VALUE]);
  });

  it('warns when the declared count differs', async () => {
    const sheet = {
      ...nomenclatureSheet([nomenclatureRow(1)]),
      title: ministryTitle(NOMENCLATURE_SUBJECT, '31 JUILLET 2025', 2),
    };
    const [parsed] = (await parseSheets('count.xlsx', [sheet])).sheets;
    expect(parsed.declaredCount).toBe(2);
    expect(parsed.warnings.map((warning) => warning.kind)).toEqual([WarningKind.COUNT_MISMATCH]);
  });

  it.each([
    ['28 FÉVRIER 2024', '2024-02-28'],
    ['1er AOÛT 2023', '2023-08-01'],
    ['  15   decembre  2024', '2024-12-15'],
    ['30/09/2025', '2025-09-30'],
  ])('reads the version label of "AU %s"', async (dateText, expected) => {
    const workbook = await parseSheets('month.xlsx', [
      nomenclatureSheet([nomenclatureRow(1)], dateText),
    ]);
    expect(workbook.versionLabel).toBe(expected);
  });

  it('recognises a sheet by title over its name', async () => {
    const cells: Record<string, string> = { 'NOM DE MARQUE': 'X', 'N°ENREGISTREMENT': 'Y' };
    const sheet: FactorySheet = {
      name: 'Feuil1',
      title: ministryTitle(RETRAIT_SUBJECT, '31 JUILLET 2025'),
      preamble: { 1: 'REPUBLIQUE ALGERIENNE DEMOCRATIQUE ET POPULAIRE' },
      headerRow: 5,
      firstColumn: 3,
      columns: RETRAIT_COLUMNS,
      rows: [RETRAIT_COLUMNS.map((header) => cells[header] ?? null)],
    };
    const [parsed] = (await parseSheets('title.xlsx', [sheet])).sheets;
    expect(parsed.categorie).toBe(Categorie.RETRAIT);
    expect(parsed.headerRow).toBe(5);
    expect(parsed.rows[0].nomMarque).toBe('X');
  });

  it('lists an unrecognised sheet beside recognised ones', async () => {
    const notes: FactorySheet = { name: 'Notes', columns: ['REMARQUES'], rows: [['à revoir']] };
    const workbook = await parseSheets('mixed.xlsx', [
      notes,
      nomenclatureSheet([nomenclatureRow(1)]),
    ]);
    expect(workbook.sheets.map((sheet) => sheet.name)).toEqual(['Nomenclature']);
    expect(workbook.unrecognised).toHaveLength(1);
    expect(workbook.unrecognised[0].name).toBe('Notes');
    expect(workbook.unrecognised[0].reason).toContain("aucune ligne d'en-tête");
  });

  it('parses only the sheets named in sheetNames', async () => {
    const retraits: FactorySheet = {
      name: 'Retraits ',
      columns: RETRAIT_COLUMNS,
      rows: [RETRAIT_COLUMNS.map((header) => (header === 'NOM DE MARQUE' ? 'R' : null))],
    };
    const notes: FactorySheet = { name: 'Notes', columns: ['REMARQUES'], rows: [['à revoir']] };
    const filePath = temp.path('filter.xlsx');
    await writeWorkbook(filePath, [nomenclatureSheet([nomenclatureRow(1)]), notes, retraits]);
    const workbook = await parseWorkbook(filePath, { sheetNames: ['  RETRAITS'] });
    expect(workbook.sheets.map((sheet) => sheet.name)).toEqual(['Retraits ']);
    expect(workbook.unrecognised).toEqual([]);
    expect(workbook.versionLabel).toBeNull();
  });
});

const describeReal = existsSync(REAL_WORKBOOK) ? describe : describe.skip;

describeReal('edited copies of the July 2025 workbook', () => {
  const temp = makeTempDir();
  let original: ParsedWorkbook;

  beforeAll(async () => {
    original = await parseWorkbook(REAL_WORKBOOK);
  });
  afterAll(() => temp.remove());

  it('round-trips the first rows of each sheet', async () => {
    const filePath = temp.path('copy.xlsx');
    await writeParsedWorkbook(filePath, original, (sheet) => ({
      ...sheet,
      rows: sheet.rows.slice(0, 40),
    }));
    const copy = await parseWorkbook(filePath);
    expect(copy.versionLabel).toBe('2025-07-31');
    copy.sheets.forEach((sheet, index) => {
      const source = original.sheets[index];
      expect(sheet.name).toBe(source.name);
      expect(sheet.headerRow).toBe(source.headerRow);
      const strip = (row: ParsedRow) => ({
        ...row,
        sheetRow: 0,
        warnings: row.warnings.map((w) => w.kind),
      });
      expect(sheet.rows.map(strip)).toEqual(source.rows.slice(0, 40).map(strip));
      expect(sheet.warnings.map((warning) => warning.kind)).toEqual([WarningKind.COUNT_MISMATCH]);
    });
  });

  it('reads a copy retitled to another month', async () => {
    const filePath = temp.path('retitled.xlsx');
    await writeParsedWorkbook(filePath, original, (sheet) => ({
      ...sheet,
      title: String(sheet.title).replace('31 JUILLET 2025', '30 SEPTEMBRE 2025'),
      rows: sheet.rows.slice(0, 5),
    }));
    const copy = await parseWorkbook(filePath);
    expect(copy.versionLabel).toBe('2025-09-30');
  });
});
