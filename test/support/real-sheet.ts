import ExcelJS from 'exceljs';

import { REAL_WORKBOOK } from './server';

/**
 * One data row of the real workbook read straight from the file with exceljs, without the
 * import code, so that tests can compare the API's figures with independent counts.
 * Keys are the header texts with spaces collapsed ("DATE D'ENREGISTREMENT FINAL").
 */
export interface SheetRow {
  sheet: string;
  cells: Record<string, string>;
}

/** Header texts of the columns tests read, as `SheetRow.cells` keys. */
export const HEADER = {
  numEnregistrement: 'N°ENREGISTREMENT',
  dci: 'DENOMINATION COMMUNE INTERNATIONALE',
  nomMarque: 'NOM DE MARQUE',
  forme: 'FORME',
  dosage: 'DOSAGE',
  laboratoire: "LABORATOIRES DETENTEUR DE LA DECISION D'ENREGISTREMENT",
  paysLaboratoire: "PAYS DU LABORATOIRE DETENTEUR DE LA DECISION D'ENREGISTREMENT",
  type: 'TYPE',
  statut: 'STATUT',
} as const;

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value).trim();
  if ('richText' in value)
    return value.richText
      .map((part) => part.text)
      .join('')
      .trim();
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text).trim();
  return '';
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function readSheet(worksheet: ExcelJS.Worksheet): SheetRow[] {
  let headers: Map<number, string> | null = null;
  const rows: SheetRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[];
    if (!headers) {
      if (values.some((value) => cellText(value).includes('DENOMINATION COMMUNE'))) {
        headers = new Map();
        values.forEach((value, column) => headers!.set(column, collapse(cellText(value))));
      }
      return;
    }
    const cells: Record<string, string> = {};
    for (const [column, header] of headers) {
      if (header) cells[header] = cellText(values[column]);
    }
    if (Object.values(cells).some((text) => text !== '')) {
      rows.push({ sheet: worksheet.name, cells });
    }
  });
  return rows;
}

let cached: Promise<SheetRow[]> | null = null;

/** Reads every data row of the three sheets of the real workbook, once per test file. */
export function readRealRows(): Promise<SheetRow[]> {
  cached ??= (async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(REAL_WORKBOOK);
    return workbook.worksheets.flatMap(readSheet);
  })();
  return cached;
}

/** Text without accents, in upper case, punctuation and spaces collapsed to one space. */
export function plainUpper(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}
