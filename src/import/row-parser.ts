import type { CellValue } from 'exceljs';
import { cellToText, readDateCell } from './cell-values';
import {
  CellLocation,
  headerWordWarning,
  invalidDateWarning,
  missingValueWarning,
  unknownListeWarning,
  unknownStatutWarning,
  unknownTypeWarning,
} from './import-warnings';
import { foldText, normalizeListe, normalizeStatut, normalizeTypeMedicament } from './normalizers';
import { ColumnField, KEY_FIELDS, MappedColumn } from './sheet-layout';
import { ImportWarning, ParsedRow } from './workbook.types';

/** Sheet facts the row parser needs, fixed once the header is found. */
export interface RowContext {
  sheet: string;
  columns: readonly MappedColumn[];
  /** Folded header texts, see `headerWords`. */
  headerWords: ReadonlySet<string>;
}

type DateField = 'dateEnregistrementInitial' | 'dateEnregistrementFinal' | 'dateRetrait';
type CodedField = 'typeMedicament' | 'liste' | 'statut';

const DATE_RAW_FIELDS = {
  dateEnregistrementInitial: 'dateEnregistrementInitialRaw',
  dateEnregistrementFinal: 'dateEnregistrementFinalRaw',
  dateRetrait: 'dateRetraitRaw',
} as const satisfies Record<DateField, keyof ParsedRow>;

function isDateField(field: ColumnField): field is DateField {
  return field in DATE_RAW_FIELDS;
}

function isCodedField(field: ColumnField): field is CodedField {
  return field === 'typeMedicament' || field === 'liste' || field === 'statut';
}

function emptyRow(sheetRow: number): ParsedRow {
  return {
    sheetRow,
    n: null,
    numEnregistrement: null,
    code: null,
    dci: null,
    nomMarque: null,
    forme: null,
    dosage: null,
    conditionnement: null,
    liste: null,
    listeRaw: null,
    p1: null,
    p2: null,
    obs: null,
    laboratoire: null,
    paysLaboratoire: null,
    dateEnregistrementInitial: null,
    dateEnregistrementInitialRaw: null,
    dateEnregistrementFinal: null,
    dateEnregistrementFinalRaw: null,
    typeMedicament: null,
    typeMedicamentRaw: null,
    statut: null,
    statutRaw: null,
    dureeStabilite: null,
    dateRetrait: null,
    dateRetraitRaw: null,
    motifRetrait: null,
    warnings: [],
  };
}

function setDate(row: ParsedRow, field: DateField, value: CellValue, location: CellLocation): void {
  const cell = readDateCell(value);
  row[field] = cell.date;
  row[DATE_RAW_FIELDS[field]] = cell.raw;
  if (!cell.valid) {
    row.warnings.push(invalidDateWarning(location, cell.raw));
  }
}

// Each setter stores the normalised and raw values and returns whether the text was recognised.
const CODED_SETTERS: Record<CodedField, (row: ParsedRow, text: string | null) => boolean> = {
  typeMedicament: (row, text) => {
    const { value, recognised } = normalizeTypeMedicament(text);
    row.typeMedicament = value;
    row.typeMedicamentRaw = text;
    return recognised;
  },
  liste: (row, text) => {
    const { value, recognised } = normalizeListe(text);
    row.liste = value;
    row.listeRaw = text;
    return recognised;
  },
  statut: (row, text) => {
    const { value, recognised } = normalizeStatut(text);
    row.statut = value;
    row.statutRaw = text;
    return recognised;
  },
};

const CODED_WARNINGS: Record<CodedField, (location: CellLocation, raw: string) => ImportWarning> = {
  typeMedicament: unknownTypeWarning,
  liste: unknownListeWarning,
  statut: unknownStatutWarning,
};

function setCoded(
  row: ParsedRow,
  field: CodedField,
  text: string | null,
  location: CellLocation,
): void {
  const recognised = CODED_SETTERS[field](row, text);
  if (!recognised && text !== null) {
    row.warnings.push(CODED_WARNINGS[field](location, text));
  }
}

function setCell(
  row: ParsedRow,
  column: MappedColumn,
  value: CellValue,
  context: RowContext,
): void {
  const location = { sheet: context.sheet, sheetRow: row.sheetRow, column: column.header };
  const text = cellToText(value);
  const { field } = column;
  if (isDateField(field)) {
    setDate(row, field, value, location);
  } else if (isCodedField(field)) {
    setCoded(row, field, text, location);
  } else {
    row[field] = text;
  }
  if (text !== null && context.headerWords.has(foldText(text))) {
    row.warnings.push(headerWordWarning(location, text));
  }
}

function hasContent(values: readonly CellValue[], columns: readonly MappedColumn[]): boolean {
  return columns.some(({ index }) => cellToText(values[index]) !== null);
}

function checkKeyFields(row: ParsedRow, context: RowContext): void {
  for (const column of context.columns) {
    if (KEY_FIELDS.includes(column.field) && row[column.field] === null) {
      const location = { sheet: context.sheet, sheetRow: row.sheetRow, column: column.header };
      row.warnings.push(missingValueWarning(location));
    }
  }
}

/**
 * Builds the parsed row for one sheet row (`values` indexed by 1-based column number), or
 * returns null when every mapped cell is empty.
 */
export function parseDataRow(
  context: RowContext,
  sheetRow: number,
  values: readonly CellValue[],
): ParsedRow | null {
  if (!hasContent(values, context.columns)) {
    return null;
  }
  const row = emptyRow(sheetRow);
  for (const column of context.columns) {
    setCell(row, column, values[column.index], context);
  }
  checkKeyFields(row, context);
  return row;
}
