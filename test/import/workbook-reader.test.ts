import { existsSync } from 'node:fs';
import { parseWorkbook } from '../../src/import/workbook-reader';
import {
  Categorie,
  ImportWarning,
  Liste,
  ParsedRow,
  ParsedSheet,
  ParsedWorkbook,
  Statut,
  TypeMedicament,
  WarningKind,
} from '../../src/import/workbook.types';

// The ministry workbook of July 2025, read in place and never copied into the repository.
const REAL_WORKBOOK = '/work/shared/data/nomenclature-2025-07.xlsx';
const describeReal = existsSync(REAL_WORKBOOK) ? describe : describe.skip;

jest.setTimeout(60_000);

function sheetOf(workbook: ParsedWorkbook, categorie: Categorie): ParsedSheet {
  const sheet = workbook.sheets.find((candidate) => candidate.categorie === categorie);
  if (sheet === undefined) {
    throw new Error(`no ${categorie} sheet`);
  }
  return sheet;
}

function rowAt(sheet: ParsedSheet, sheetRow: number): ParsedRow {
  const row = sheet.rows.find((candidate) => candidate.sheetRow === sheetRow);
  if (row === undefined) {
    throw new Error(`no row ${sheetRow} in ${sheet.name}`);
  }
  return row;
}

function rowsWithRegistration(sheet: ParsedSheet, numEnregistrement: string): ParsedRow[] {
  return sheet.rows.filter((row) => row.numEnregistrement === numEnregistrement);
}

function warningsOf(row: ParsedRow, kind: WarningKind): ImportWarning[] {
  return row.warnings.filter((warning) => warning.kind === kind);
}

describeReal('parseWorkbook on the July 2025 workbook', () => {
  let workbook: ParsedWorkbook;
  let nomenclature: ParsedSheet;
  let nonRenouveles: ParsedSheet;
  let retraits: ParsedSheet;
  const progress: Array<{ sheet: string; rows: number }> = [];

  beforeAll(async () => {
    workbook = await parseWorkbook(REAL_WORKBOOK, { onProgress: (event) => progress.push(event) });
    nomenclature = sheetOf(workbook, Categorie.NOMENCLATURE);
    nonRenouveles = sheetOf(workbook, Categorie.NON_RENOUVELE);
    retraits = sheetOf(workbook, Categorie.RETRAIT);
  });

  it('returns sheets in category order with exact names', () => {
    expect(workbook.sheets.map((sheet) => sheet.name)).toEqual([
      'Nomenclature JUIN 2025',
      'Non Renouvelés ',
      'Retraits',
    ]);
    expect(workbook.unrecognised).toEqual([]);
  });

  it('reads every data row', () => {
    expect(nomenclature.rows).toHaveLength(5094);
    expect(nonRenouveles.rows).toHaveLength(1520);
    expect(retraits.rows).toHaveLength(2681);
    const total = workbook.sheets.reduce((sum, sheet) => sum + sheet.rows.length, 0);
    expect(total).toBe(9295);
  });

  it('keeps sheet rows contiguous after the header', () => {
    expect(nomenclature.rows[0].sheetRow).toBe(18);
    expect(nomenclature.rows[5093].sheetRow).toBe(5111);
    expect(nonRenouveles.rows[0].sheetRow).toBe(13);
    expect(nonRenouveles.rows[1519].sheetRow).toBe(1532);
    expect(retraits.rows[0].sheetRow).toBe(12);
    expect(retraits.rows[2680].sheetRow).toBe(2692);
  });

  it('finds the header rows', () => {
    expect(nomenclature.headerRow).toBe(17);
    expect(nonRenouveles.headerRow).toBe(12);
    expect(retraits.headerRow).toBe(11);
  });

  it('reads declared counts from the titles', () => {
    expect(nomenclature.declaredCount).toBe(5094);
    expect(nonRenouveles.declaredCount).toBe(1520);
    expect(retraits.declaredCount).toBe(2681);
  });

  it('reads the version label from the titles', () => {
    expect(workbook.versionLabel).toBe('2025-07-31');
    for (const sheet of workbook.sheets) {
      expect(sheet.versionLabel).toBe('2025-07-31');
    }
  });

  it('flattens the rich text title', () => {
    expect(nomenclature.title).toContain('NOMENCLATURE NATIONALE DES PRODUITS PHARMACEUTIQUES');
    expect(nomenclature.title).toContain('5094DE)');
  });

  it('raises no sheet-level warning', () => {
    for (const sheet of workbook.sheets) {
      expect(sheet.warnings).toEqual([]);
    }
  });

  it('reads date cells as UTC calendar dates', () => {
    const first = rowAt(nomenclature, 18);
    expect(first.n).toBe('1');
    expect(first.numEnregistrement).toBe('352/01 A 003/06/22');
    expect(first.dateEnregistrementInitial).toBe('2006-07-31');
    expect(first.dateEnregistrementInitialRaw).toBe('2006-07-31');
    expect(first.dateEnregistrementFinal).toBe('2025-06-10');
    expect(first.dureeStabilite).toBe('60 MOIS');
  });

  it('normalises Gé and GE to one type', () => {
    const gAccent = retraits.rows.find((row) => row.typeMedicamentRaw === 'Gé');
    const gPlain = retraits.rows.find((row) => row.typeMedicamentRaw === 'GE');
    expect(gAccent?.typeMedicament).toBe(TypeMedicament.GE);
    expect(gPlain?.typeMedicament).toBe(TypeMedicament.GE);
  });

  it('normalises Ré and RE to one type', () => {
    const rAccent = retraits.rows.find((row) => row.typeMedicamentRaw === 'Ré');
    const rPlain = nomenclature.rows.find((row) => row.typeMedicamentRaw === 'RE');
    expect(rAccent?.typeMedicament).toBe(TypeMedicament.RE);
    expect(rPlain?.typeMedicament).toBe(TypeMedicament.RE);
  });

  it('reads the odd type spellings', () => {
    const raws = new Map(nomenclature.rows.map((row) => [row.typeMedicamentRaw, row]));
    expect(raws.get('B')?.typeMedicament).toBe(TypeMedicament.BIO);
    expect(raws.get('BIO')?.typeMedicament).toBe(TypeMedicament.BIO);
    const premix = raws.get('FPREMIX') as ParsedRow;
    expect(premix).toBeDefined();
    expect(premix.typeMedicament).toBeNull();
    expect(warningsOf(premix, WarningKind.UNKNOWN_TYPE)).toHaveLength(1);
  });

  it('trims padded type and statut cells', () => {
    const unknownTypes = nomenclature.rows.flatMap((row) =>
      warningsOf(row, WarningKind.UNKNOWN_TYPE),
    );
    expect(unknownTypes.map((warning) => warning.value)).toEqual(['FPREMIX']);
    const unknownStatuts = workbook.sheets.flatMap((sheet) =>
      sheet.rows.flatMap((row) => warningsOf(row, WarningKind.UNKNOWN_STATUT)),
    );
    expect(unknownStatuts).toEqual([]);
    expect(nonRenouveles.rows.some((row) => row.statutRaw === 'i' && row.statut === Statut.I)).toBe(
      true,
    );
  });

  it('normalises the liste spellings', () => {
    const byRaw = new Map(
      workbook.sheets.flatMap((sheet) => sheet.rows).map((row) => [row.listeRaw, row.liste]),
    );
    expect(byRaw.get('StupEfiants')).toBe(Liste.STUPEFIANTS);
    expect(byRaw.get('Stupéfiants')).toBe(Liste.STUPEFIANTS);
    expect(byRaw.get('Liiste II')).toBe(Liste.LISTE_II);
    expect(byRaw.get('lISTE I')).toBe(Liste.LISTE_I);
    expect(byRaw.get('LISTE II')).toBe(Liste.LISTE_II);
  });

  it('treats a blank liste as empty without warning', () => {
    const listeWarnings = workbook.sheets.flatMap((sheet) =>
      sheet.rows.flatMap((row) => warningsOf(row, WarningKind.UNKNOWN_LISTE)),
    );
    expect(listeWarnings).toEqual([]);
  });

  it('keeps text withdrawal dates raw with a warning', () => {
    const retrait = rowAt(retraits, 13);
    expect(retrait.dateRetrait).toBeNull();
    expect(retrait.dateRetraitRaw).toBe('RETRAIT');
    const [warning] = warningsOf(retrait, WarningKind.INVALID_DATE);
    expect(warning.sheetRow).toBe(13);
    expect(warning.sheet).toBe('Retraits');
    expect(warning.value).toBe('RETRAIT');
    const abrogation = rowAt(retraits, 20);
    expect(abrogation.dateRetraitRaw).toBe('ABROGATION');
    expect(warningsOf(abrogation, WarningKind.INVALID_DATE)).toHaveLength(1);
  });

  it('reads withdrawal date cells', () => {
    const row = rowAt(retraits, 12);
    expect(row.dateRetrait).toBe('2009-03-07');
    expect(row.motifRetrait).toBe('RETRAIT PAR LE MSPRH POUR INTERDICTION DU LABORATOIRE');
  });

  it('rejects impossible text dates', () => {
    const typo = rowAt(nomenclature, 2055);
    expect(typo.dateEnregistrementFinal).toBeNull();
    expect(typo.dateEnregistrementFinalRaw).toBe('19/05/205');
    expect(warningsOf(typo, WarningKind.INVALID_DATE)).toHaveLength(1);
    const raws = retraits.rows.map((row) => row.dateRetraitRaw);
    expect(raws).toContain('00/12/2005');
    expect(raws).toContain('04/02/2024 ET 22/02/2024');
    const dated = retraits.rows.filter((row) => row.dateRetraitRaw === '00/12/2005');
    expect(dated.every((row) => row.dateRetrait === null)).toBe(true);
  });

  it('counts one invalid date per text withdrawal date', () => {
    const invalid = retraits.rows.flatMap((row) => warningsOf(row, WarningKind.INVALID_DATE));
    expect(invalid).toHaveLength(1132);
  });

  it('keeps the Non Renouvelés row with header words', () => {
    const [row] = rowsWithRegistration(nonRenouveles, '319/01 A 033/08');
    expect(row.dci).toBe('DENOMINATION COMMUNE INTERNATIONALE');
    expect(row.forme).toBe('FORME');
    expect(row.nomMarque).toBe('GELARTINE');
    const columns = warningsOf(row, WarningKind.HEADER_WORD_IN_CELL).map((w) => w.column);
    expect(columns).toEqual(['DENOMINATION COMMUNE INTERNATIONALE', 'FORME']);
  });

  it('keeps the Retraits row with OBS as laboratory', () => {
    const [row] = rowsWithRegistration(retraits, '121/01 A 001/99');
    expect(row.laboratoire).toBe('OBS');
    expect(row.paysLaboratoire).toBe('SYRIE');
    const warnings = warningsOf(row, WarningKind.HEADER_WORD_IN_CELL);
    expect(warnings.map((warning) => warning.value)).toEqual([
      'DENOMINATION COMMUNE INTERNATIONALE',
      'FORME',
      'OBS',
    ]);
  });

  it('keeps repeated registration numbers', () => {
    expect(rowsWithRegistration(nomenclature, '263/10 G 054/23')).toHaveLength(4);
    expect(rowsWithRegistration(nomenclature, '645/04 B 082/25')).toHaveLength(2);
    expect(rowsWithRegistration(retraits, '039/10 A 002/12')).toHaveLength(2);
  });

  it('writes numeric dosages as text', () => {
    const dosages = retraits.rows.map((row) => row.dosage);
    expect(dosages).toContain('0.1');
    expect(dosages).toContain('0.0005');
  });

  it('reports progress for each sheet', () => {
    const last = new Map(progress.map((event) => [event.sheet, event.rows]));
    expect(last.get('Nomenclature JUIN 2025')).toBe(5094);
    expect(last.get('Non Renouvelés ')).toBe(1520);
    expect(last.get('Retraits')).toBe(2681);
  });

  it('parses only the requested sheet', async () => {
    const only = await parseWorkbook(REAL_WORKBOOK, { sheetNames: ['non renouvelés'] });
    expect(only.sheets.map((sheet) => sheet.name)).toEqual(['Non Renouvelés ']);
    expect(only.sheets[0].rows).toHaveLength(1520);
    expect(only.versionLabel).toBe('2025-07-31');
  });
});
