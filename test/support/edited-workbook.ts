import { parseWorkbook } from '../../src/import/workbook-reader';
import { Categorie, ParsedRow, ParsedSheet, ParsedWorkbook } from '../../src/import/workbook.types';
import { presentationKey } from '../../src/medicaments/presentation';
import { REAL_WORKBOOK } from './server';
import { sheetFromParsed, writeWorkbook } from './workbook-factory';

/** How many rows of the Nomenclature sheet an edited copy changes, removes and moves. */
export interface EditCounts {
  renamed: number;
  removed: number;
  moved: number;
  added: number;
}

/** The rows an edited copy touched, as the real workbook has them (and the new brand names). */
export interface WorkbookEdits {
  renamed: { row: ParsedRow; newBrand: string }[];
  removed: ParsedRow[];
  moved: ParsedRow[];
  added: ParsedRow[];
}

/** Suffix appended to the brand name of renamed rows. */
export const RENAMED_SUFFIX = ' NOUVELLE FORMULE';

let parsed: Promise<ParsedWorkbook> | null = null;

/** Parses the real workbook as the import does, once per test file. */
export function parsedRealWorkbook(): Promise<ParsedWorkbook> {
  parsed ??= parseWorkbook(REAL_WORKBOOK, {});
  return parsed;
}

/** Nomenclature rows whose registration and presentation appear once in the whole workbook. */
function uniqueRows(workbook: ParsedWorkbook): ParsedRow[] {
  const counts = new Map<string, number>();
  for (const row of workbook.sheets.flatMap((sheet) => sheet.rows)) {
    const key = presentationKey(row);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const nomenclature = workbook.sheets.find((sheet) => sheet.categorie === Categorie.NOMENCLATURE);
  return (nomenclature?.rows ?? []).filter((row) => counts.get(presentationKey(row)) === 1);
}

function pickEdits(workbook: ParsedWorkbook, counts: EditCounts): WorkbookEdits {
  // Every 97th unique row, so that the edits are spread over the sheet.
  const candidates = uniqueRows(workbook).filter((_, index) => index % 97 === 5);
  const take = (count: number) => candidates.splice(0, count);
  const renamed = take(counts.renamed).map((row) => ({
    row,
    newBrand: `${row.nomMarque}${RENAMED_SUFFIX}`,
  }));
  const removed = take(counts.removed);
  const moved = take(counts.moved);
  const added = take(counts.added).map((row, index) => ({
    ...row,
    numEnregistrement: `999/99 Z ${String(index + 1).padStart(3, '0')}/25`,
    nomMarque: `PRODUIT AJOUTE ${index + 1}`,
  }));
  return { renamed, removed, moved, added };
}

function editSheet(sheet: ParsedSheet, edits: WorkbookEdits): ParsedSheet {
  if (sheet.categorie === Categorie.RETRAIT) {
    const withdrawn = edits.moved.map((row) => ({
      ...row,
      dateRetraitRaw: '2025-08-15',
      motifRetrait: 'RETRAIT PAR LE DETENTEUR POUR MOTIF COMMERCIAL',
    }));
    return { ...sheet, rows: [...sheet.rows, ...withdrawn] };
  }
  if (sheet.categorie !== Categorie.NOMENCLATURE) return sheet;
  const dropped = new Set([...edits.removed, ...edits.moved]);
  const brands = new Map(edits.renamed.map(({ row, newBrand }) => [row, newBrand]));
  const rows = sheet.rows
    .filter((row) => !dropped.has(row))
    .map((row) => (brands.has(row) ? { ...row, nomMarque: brands.get(row)! } : row));
  return { ...sheet, rows: [...rows, ...edits.added] };
}

/**
 * Writes a copy of the real workbook with some Nomenclature rows renamed, removed, moved
 * to the Retraits sheet and added, and returns what changed. Only rows whose registration
 * number and presentation are unique in the workbook are touched, so a diff can match
 * them without ambiguity.
 */
export async function writeEditedWorkbook(
  filePath: string,
  counts: EditCounts,
): Promise<WorkbookEdits> {
  const workbook = await parsedRealWorkbook();
  const edits = pickEdits(workbook, counts);
  const sheets = workbook.sheets.map((sheet) => sheetFromParsed(editSheet(sheet, edits)));
  await writeWorkbook(filePath, sheets);
  return edits;
}
