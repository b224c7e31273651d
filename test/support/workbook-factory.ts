import ExcelJS from 'exceljs';
import { Categorie, ParsedRow, ParsedSheet, ParsedWorkbook } from '../../src/import/workbook.types';

/** Anything exceljs can store in a cell: text, number, Date, rich text, formula... */
export type FactoryCell = ExcelJS.CellValue;

/** One worksheet to write. Rows and columns are 1-based, as in Excel. */
export interface FactorySheet {
  name: string;
  /** Title cell, written in the first column of `titleRow`. Omit it for a sheet without title. */
  title?: FactoryCell;
  /** Defaults to two rows above the header, or row 1 when the header is on row 3 or less. */
  titleRow?: number;
  /** Other lines above the header, by row number (ministry name, direction...). */
  preamble?: Record<number, FactoryCell>;
  /** Defaults to row 1 without a title and to row 4 with one. */
  headerRow?: number;
  /** Column of the first header cell, 1 (A) by default. */
  firstColumn?: number;
  columns: string[];
  /** Data rows from `headerRow + 1` on, cells in `columns` order. Null leaves a blank row. */
  rows: Array<FactoryCell[] | null>;
}

/** Header texts of the July 2025 ministry workbook, spelled as there (double spaces too). */
export const NOMENCLATURE_COLUMNS = [
  'N',
  'N°ENREGISTREMENT',
  'CODE',
  'DENOMINATION COMMUNE INTERNATIONALE',
  'NOM DE MARQUE',
  'FORME',
  'DOSAGE',
  'CONDITIONNEMENT',
  'LISTE',
  'P1',
  'P2',
  'OBS',
  "LABORATOIRES DETENTEUR DE LA DECISION D'ENREGISTREMENT",
  "PAYS DU LABORATOIRE DETENTEUR DE LA DECISION D'ENREGISTREMENT",
  "DATE D'ENREGISTREMENT INITIAL ",
  "DATE D'ENREGISTREMENT  FINAL ",
  'TYPE',
  'STATUT',
  'DUREE DE STABILITE',
];

export const NON_RENOUVELE_COLUMNS = [
  'N°',
  ...NOMENCLATURE_COLUMNS.slice(1, 7),
  'COND',
  ...NOMENCLATURE_COLUMNS.slice(8, 18),
];

export const RETRAIT_COLUMNS = [
  ...NON_RENOUVELE_COLUMNS.slice(0, 11),
  ...NON_RENOUVELE_COLUMNS.slice(12, 15),
  'TYPE',
  'STATUT',
  'DATE DE RETRAIT',
  'MOTIF DE RETRAIT',
];

/** Header text to `ParsedRow` field whose text goes back into that column. */
type SourceField = keyof Omit<ParsedRow, 'sheetRow' | 'warnings'>;

const FIELD_OF_HEADER: Record<string, SourceField> = {
  N: 'n',
  'N°': 'n',
  'N°ENREGISTREMENT': 'numEnregistrement',
  CODE: 'code',
  'DENOMINATION COMMUNE INTERNATIONALE': 'dci',
  'NOM DE MARQUE': 'nomMarque',
  FORME: 'forme',
  DOSAGE: 'dosage',
  CONDITIONNEMENT: 'conditionnement',
  COND: 'conditionnement',
  LISTE: 'listeRaw',
  P1: 'p1',
  P2: 'p2',
  OBS: 'obs',
  "LABORATOIRES DETENTEUR DE LA DECISION D'ENREGISTREMENT": 'laboratoire',
  "PAYS DU LABORATOIRE DETENTEUR DE LA DECISION D'ENREGISTREMENT": 'paysLaboratoire',
  "DATE D'ENREGISTREMENT INITIAL ": 'dateEnregistrementInitialRaw',
  "DATE D'ENREGISTREMENT  FINAL ": 'dateEnregistrementFinalRaw',
  TYPE: 'typeMedicamentRaw',
  STATUT: 'statutRaw',
  'DUREE DE STABILITE': 'dureeStabilite',
  'DATE DE RETRAIT': 'dateRetraitRaw',
  'MOTIF DE RETRAIT': 'motifRetrait',
};

const COLUMNS_OF_CATEGORY: Record<Categorie, string[]> = {
  NOMENCLATURE: NOMENCLATURE_COLUMNS,
  NON_RENOUVELE: NON_RENOUVELE_COLUMNS,
  RETRAIT: RETRAIT_COLUMNS,
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Builds a title like the ministry's: `ministryTitle('NOMENCLATURE NATIONALE ...', '31 JUILLET
 * 2025', 5094)` gives "NOMENCLATURE NATIONALE ... AU 31 JUILLET 2025 ( 5094 DE)".
 */
export function ministryTitle(subject: string, dateText: string, count?: number): string {
  const declared = count === undefined ? '' : ` ( ${count} DE)`;
  return `${subject} AU ${dateText}${declared}`;
}

function writeSheet(workbook: ExcelJS.Workbook, sheet: FactorySheet): void {
  const worksheet = workbook.addWorksheet(sheet.name);
  const hasTitle = sheet.title !== undefined;
  const headerRow = sheet.headerRow ?? (hasTitle ? 4 : 1);
  const firstColumn = sheet.firstColumn ?? 1;
  for (const [row, value] of Object.entries(sheet.preamble ?? {})) {
    worksheet.getCell(Number(row), firstColumn).value = value;
  }
  if (hasTitle) {
    const titleRow = sheet.titleRow ?? (headerRow > 3 ? headerRow - 2 : 1);
    worksheet.getCell(titleRow, firstColumn).value = sheet.title ?? null;
  }
  writeLine(worksheet, headerRow, firstColumn, sheet.columns);
  sheet.rows.forEach((cells, offset) => {
    if (cells !== null) {
      writeLine(worksheet, headerRow + 1 + offset, firstColumn, cells);
    }
  });
}

function writeLine(
  worksheet: ExcelJS.Worksheet,
  rowNumber: number,
  firstColumn: number,
  cells: FactoryCell[],
): void {
  const row = worksheet.getRow(rowNumber);
  cells.forEach((value, offset) => {
    if (value !== null && value !== undefined) {
      row.getCell(firstColumn + offset).value = value;
    }
  });
}

/** Writes an .xlsx workbook with the given sheets, in the given tab order. */
export async function writeWorkbook(filePath: string, sheets: FactorySheet[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    writeSheet(workbook, sheet);
  }
  await workbook.xlsx.writeFile(filePath);
}

function cellOf(row: ParsedRow, field: SourceField | undefined): FactoryCell {
  if (field === undefined) {
    return null;
  }
  const text = row[field];
  if (text === null) {
    return null;
  }
  const isDate = field.startsWith('date') && ISO_DATE.test(text);
  if (isDate) {
    return new Date(`${text}T00:00:00.000Z`);
  }
  return field === 'n' && /^\d+$/.test(text) ? Number(text) : text;
}

/** Turns a parsed row back into cells for `columns`: dates as Date cells, text as read. */
export function cellsOfRow(row: ParsedRow, columns: string[]): FactoryCell[] {
  return columns.map((header) => cellOf(row, FIELD_OF_HEADER[header]));
}

/**
 * Rebuilds a factory sheet from a parsed sheet, with the ministry's column headers for its
 * category, so that a test can write an edited copy of the real workbook.
 */
export function sheetFromParsed(sheet: ParsedSheet): FactorySheet {
  const columns = COLUMNS_OF_CATEGORY[sheet.categorie];
  return {
    name: sheet.name,
    title: sheet.title === '' ? undefined : sheet.title,
    headerRow: sheet.headerRow,
    columns,
    rows: sheet.rows.map((row) => cellsOfRow(row, columns)),
  };
}

/**
 * Writes a copy of a parsed workbook. `edit` may change each sheet (rows, title, name) before it
 * is written.
 */
export async function writeParsedWorkbook(
  filePath: string,
  parsed: ParsedWorkbook,
  edit: (sheet: FactorySheet, source: ParsedSheet) => FactorySheet = (sheet) => sheet,
): Promise<void> {
  const sheets = parsed.sheets.map((source) => edit(sheetFromParsed(source), source));
  await writeWorkbook(filePath, sheets);
}
