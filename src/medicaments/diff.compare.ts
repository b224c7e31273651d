import type { MedicamentRecord } from './medicament.columns';
import { compareSheetOrder, groupByPresentation } from './presentation';

/** One column whose value differs between two rows. */
export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** One product present in both versions, with what differs. */
export interface DiffEntry {
  before: MedicamentRecord;
  after: MedicamentRecord;
  changes: FieldChange[];
}

export interface RowDiff {
  added: MedicamentRecord[];
  removed: MedicamentRecord[];
  /** Same category in both versions, some column changed. */
  changed: DiffEntry[];
  /** Moved to another category (sheet), whatever else changed. */
  moved: DiffEntry[];
}

type ComparedValue = (record: MedicamentRecord) => string | null;

/** Trimmed text with inner whitespace collapsed; empty text is null. */
function cleanText(value: string | null | undefined): string | null {
  const cleaned = (value ?? '').trim().replace(/\s+/g, ' ');
  return cleaned === '' ? null : cleaned;
}

function text(field: keyof MedicamentRecord): [string, ComparedValue] {
  return [field, (record) => cleanText(record[field] as string | null)];
}

/**
 * Compares a normalised column on its normalised value ("Gé" and "GE" are equal), or on
 * its original text when the import could not normalise it.
 */
function coded(field: keyof MedicamentRecord, rawField: keyof MedicamentRecord) {
  return [
    field,
    (record: MedicamentRecord) =>
      cleanText(record[field] as string | null) ?? cleanText(record[rawField] as string | null),
  ] as [string, ComparedValue];
}

/** The columns a diff compares; the row number `n` and sheet row move with every insertion. */
export const COMPARED_FIELDS: [string, ComparedValue][] = [
  text('numEnregistrement'),
  text('code'),
  text('dci'),
  text('nomMarque'),
  text('forme'),
  text('dosage'),
  text('conditionnement'),
  coded('liste', 'listeRaw'),
  text('p1'),
  text('p2'),
  text('obs'),
  text('laboratoire'),
  text('paysLaboratoire'),
  coded('dateEnregistrementInitial', 'dateEnregistrementInitialRaw'),
  coded('dateEnregistrementFinal', 'dateEnregistrementFinalRaw'),
  coded('typeMedicament', 'typeMedicamentRaw'),
  coded('statut', 'statutRaw'),
  text('dureeStabilite'),
  coded('dateRetrait', 'dateRetraitRaw'),
  text('motifRetrait'),
];

/** Lists the compared columns whose values differ, in `COMPARED_FIELDS` order. */
export function compareRecords(before: MedicamentRecord, after: MedicamentRecord): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, value] of COMPARED_FIELDS) {
    const old = value(before);
    const current = value(after);
    if (old !== current) changes.push({ field, before: old, after: current });
  }
  return changes;
}

/**
 * Pairs the rows of one presentation key across versions: same category first, then in
 * sheet order. Rows left over were added or removed.
 */
function pairRows(
  fromRows: MedicamentRecord[],
  toRows: MedicamentRecord[],
): {
  pairs: [MedicamentRecord, MedicamentRecord][];
  removed: MedicamentRecord[];
  added: MedicamentRecord[];
} {
  const unpairedTo = [...toRows];
  const pairs: [MedicamentRecord, MedicamentRecord][] = [];
  const leftFrom: MedicamentRecord[] = [];
  for (const before of fromRows) {
    const index = unpairedTo.findIndex((after) => after.categorie === before.categorie);
    if (index >= 0) pairs.push([before, unpairedTo.splice(index, 1)[0]]);
    else leftFrom.push(before);
  }
  const crossPairs = Math.min(leftFrom.length, unpairedTo.length);
  for (let index = 0; index < crossPairs; index += 1) {
    pairs.push([leftFrom[index], unpairedTo[index]]);
  }
  return {
    pairs,
    removed: leftFrom.slice(crossPairs),
    added: unpairedTo.slice(crossPairs),
  };
}

/**
 * Compares two versions row by row, matching rows by registration number and
 * presentation (see `presentationKey`).
 */
export function diffRecords(fromRows: MedicamentRecord[], toRows: MedicamentRecord[]): RowDiff {
  const fromGroups = groupByPresentation(fromRows);
  const toGroups = groupByPresentation(toRows);
  const result: RowDiff = { added: [], removed: [], changed: [], moved: [] };

  for (const key of new Set([...fromGroups.keys(), ...toGroups.keys()])) {
    const { pairs, removed, added } = pairRows(fromGroups.get(key) ?? [], toGroups.get(key) ?? []);
    result.removed.push(...removed);
    result.added.push(...added);
    for (const [before, after] of pairs) {
      const changes = compareRecords(before, after);
      if (before.categorie !== after.categorie) result.moved.push({ before, after, changes });
      else if (changes.length > 0) result.changed.push({ before, after, changes });
    }
  }
  result.added.sort(compareSheetOrder);
  result.removed.sort(compareSheetOrder);
  result.changed.sort((a, b) => compareSheetOrder(a.after, b.after));
  result.moved.sort((a, b) => compareSheetOrder(a.after, b.after));
  return result;
}
