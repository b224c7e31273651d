import { AppError } from '../core/errors';
import { foldText } from '../core/text';
import { Liste, Statut, TypeMedicament } from '../import/workbook.types';

/** A column that statistics count rows by. */
export enum Dimension {
  TYPE_MEDICAMENT = 'TYPE_MEDICAMENT',
  LISTE = 'LISTE',
  STATUT = 'STATUT',
  PAYS_LABORATOIRE = 'PAYS_LABORATOIRE',
  LABORATOIRE = 'LABORATOIRE',
  FORME = 'FORME',
}

interface DimensionDefinition {
  column: string;
  /** Folded copy of a text column, padded with spaces (see `searchColumn`); null for enums. */
  searchColumn: string | null;
  labels: Record<string, string> | null;
}

export const DIMENSIONS: Record<Dimension, DimensionDefinition> = {
  TYPE_MEDICAMENT: {
    column: 'type_medicament',
    searchColumn: null,
    labels: {
      [TypeMedicament.GE]: 'Générique',
      [TypeMedicament.RE]: 'Référence (princeps)',
      [TypeMedicament.BIO]: 'Biosimilaire',
    },
  },
  LISTE: {
    column: 'liste',
    searchColumn: null,
    labels: {
      [Liste.LISTE_I]: 'Liste I',
      [Liste.LISTE_II]: 'Liste II',
      [Liste.STUPEFIANTS]: 'Stupéfiants',
    },
  },
  STATUT: {
    column: 'statut',
    searchColumn: null,
    labels: { [Statut.F]: 'Fabriqué localement', [Statut.I]: 'Importé' },
  },
  PAYS_LABORATOIRE: {
    column: 'pays_laboratoire',
    searchColumn: 'pays_laboratoire_search',
    labels: null,
  },
  LABORATOIRE: { column: 'laboratoire', searchColumn: 'laboratoire_search', labels: null },
  FORME: { column: 'forme', searchColumn: null, labels: null },
};

/** Label of the rows whose value is empty or was not recognised by the import. */
export const EMPTY_LABEL = 'Non renseigné ou non reconnu';

/** One counted value: `value` is the enum code or the folded text, null when empty. */
export interface StatEntry {
  value: string | null;
  label: string;
  count: number;
}

/** Every value of a dimension, most frequent first. */
export interface Breakdown {
  /** Number of distinct non-empty values. */
  distinct: number;
  entries: StatEntry[];
}

/** A breakdown cut to its first entries, the rest summed. */
export interface LimitedBreakdown extends Breakdown {
  othersCount: number;
  othersValues: number;
}

export interface GroupedCount {
  value: string | null;
  count: number | string;
}

function byCountThenLabel(a: StatEntry, b: StatEntry): number {
  return b.count - a.count || a.label.localeCompare(b.label, 'fr');
}

/** Builds the counts per enum value, with the French label of each code. */
export function enumBreakdown(rows: GroupedCount[], labels: Record<string, string>): Breakdown {
  const entries = rows.map((row) => ({
    value: row.value,
    label: row.value === null ? EMPTY_LABEL : (labels[row.value] ?? row.value),
    count: Number(row.count),
  }));
  return {
    distinct: entries.filter((entry) => entry.value !== null).length,
    entries: entries.sort(byCountThenLabel),
  };
}

/**
 * Builds the counts per text value, spellings merged by `foldText` ("Algérie" and "ALGERIE " are one
 * country). The label is the most frequent spelling, trimmed.
 */
export function textBreakdown(rows: GroupedCount[]): Breakdown {
  const merged = new Map<string, { count: number; spellings: Map<string, number> }>();
  for (const row of rows) {
    const key = foldText(row.value);
    const group = merged.get(key) ?? { count: 0, spellings: new Map<string, number>() };
    const spelling = (row.value ?? '').trim().replace(/\s+/g, ' ');
    group.count += Number(row.count);
    group.spellings.set(spelling, (group.spellings.get(spelling) ?? 0) + Number(row.count));
    merged.set(key, group);
  }
  const entries = [...merged.entries()].map(([key, group]) => ({
    value: key === '' ? null : key,
    label: key === '' ? EMPTY_LABEL : mostFrequent(group.spellings),
    count: group.count,
  }));
  return {
    distinct: entries.filter((entry) => entry.value !== null).length,
    entries: entries.sort(byCountThenLabel),
  };
}

function mostFrequent(spellings: Map<string, number>): string {
  return [...spellings.entries()].sort(
    ([textA, countA], [textB, countB]) => countB - countA || textA.localeCompare(textB),
  )[0][0];
}

/** Keeps the first `limit` entries and sums the others; every entry when `limit` is null. */
export function limitBreakdown(breakdown: Breakdown, limit?: number | null): LimitedBreakdown {
  if (limit === null || limit === undefined) {
    return { ...breakdown, othersCount: 0, othersValues: 0 };
  }
  if (!Number.isInteger(limit) || limit < 1) {
    throw AppError.badInput(`limit invalide (${limit}) : il doit être un entier positif.`, {
      field: 'limit',
    });
  }
  const others = breakdown.entries.slice(limit);
  return {
    distinct: breakdown.distinct,
    entries: breakdown.entries.slice(0, limit),
    othersCount: others.reduce((sum, entry) => sum + entry.count, 0),
    othersValues: others.length,
  };
}
