import { foldText } from '../core/text';
import { Categorie } from '../import/workbook.types';

/** The columns that identify one product of a registration: number and presentation. */
export interface PresentationFields {
  numEnregistrement: string | null;
  forme: string | null;
  dosage: string | null;
  conditionnement: string | null;
}

/**
 * Folds text for matching and drops the spaces, so that "10 MG" and "10mg", or "B/10" and
 * "B 10", give the same key.
 */
export function compactFold(value: string | null | undefined): string {
  return foldText(value).replace(/ /g, '');
}

/**
 * Builds the key of a registration and presentation (form, dosage, conditionnement), folded so that
 * case, accents, punctuation and spacing do not matter. Two rows of one version with the
 * same key are duplicates; across versions, the same key is the same product.
 */
export function presentationKey(row: PresentationFields): string {
  return [row.numEnregistrement, row.forme, row.dosage, row.conditionnement]
    .map(compactFold)
    .join('|');
}

const CATEGORIE_RANK: Record<Categorie, number> = {
  NOMENCLATURE: 0,
  NON_RENOUVELE: 1,
  RETRAIT: 2,
};

interface SheetPosition {
  id: number;
  categorie: Categorie;
  sheetRow: number;
}

/** Orders rows as the workbook prints them: sheet by sheet, then row, then id. */
export function compareSheetOrder(a: SheetPosition, b: SheetPosition): number {
  return (
    CATEGORIE_RANK[a.categorie] - CATEGORIE_RANK[b.categorie] ||
    a.sheetRow - b.sheetRow ||
    a.id - b.id
  );
}

/** Groups rows by presentation key, each group in sheet order. */
export function groupByPresentation<T extends PresentationFields & SheetPosition>(
  rows: T[],
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of [...rows].sort(compareSheetOrder)) {
    const key = presentationKey(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
