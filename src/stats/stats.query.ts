import type { Knex } from '@mikro-orm/knex';

import { Categorie } from '../import/workbook.types';
import { applyCriteria, applyVisibility, MedicamentCriteria } from '../medicaments/search.query';
import {
  Breakdown,
  Dimension,
  DIMENSIONS,
  enumBreakdown,
  GroupedCount,
  textBreakdown,
} from './breakdown';

/** Scope of a statistic: the rows of one version that match the criteria and are visible to the caller. */
export interface StatsScope {
  version: string;
  criteria: MedicamentCriteria;
  showRetraits: boolean;
}

/** Rows per category; withdrawn rows hidden from the caller are counted apart. */
export interface CategoryTotals {
  total: number;
  nomenclature: number;
  nonRenouvele: number;
  retrait: number;
  withdrawnHidden: number;
}

const COUNT_KEYS = {
  NOMENCLATURE: 'nomenclature',
  NON_RENOUVELE: 'nonRenouvele',
  RETRAIT: 'retrait',
} as const;

/** Counts the rows of the scope per category, in one statement. */
export async function countCategories(knex: Knex, scope: StatsScope): Promise<CategoryTotals> {
  const query = knex('medicament').select('categorie').count({ count: '*' }).groupBy('categorie');
  applyCriteria(query, scope.version, scope.criteria);
  const rows = (await query) as unknown as { categorie: Categorie; count: number | string }[];

  const totals: CategoryTotals = {
    total: 0,
    nomenclature: 0,
    nonRenouvele: 0,
    retrait: 0,
    withdrawnHidden: 0,
  };
  for (const row of rows) totals[COUNT_KEYS[row.categorie]] = Number(row.count);
  if (!scope.showRetraits) {
    totals.withdrawnHidden = totals.retrait;
    totals.retrait = 0;
  }
  totals.total = totals.nomenclature + totals.nonRenouvele + totals.retrait;
  return totals;
}

/** Counts the rows of the scope per value of one column, in one statement. */
export async function countBy(
  knex: Knex,
  scope: StatsScope,
  dimension: Dimension,
): Promise<Breakdown> {
  const { column, labels } = DIMENSIONS[dimension];
  const query = knex('medicament').select({ value: column }).count({ count: '*' }).groupBy(column);
  applyCriteria(query, scope.version, scope.criteria);
  applyVisibility(query, scope.showRetraits);
  const rows = (await query) as unknown as GroupedCount[];
  return labels ? enumBreakdown(rows, labels) : textBreakdown(rows);
}

interface CategoryRow {
  key: string;
  categorie: Categorie;
  count: number | string;
}

/** Category counts of one folded value of a text dimension (see `countCategoriesOf`). */
export type CategoryCountsByKey = Record<string, Omit<CategoryTotals, 'withdrawnHidden'>>;

/**
 * Counts per category of several values of a text column with a folded copy (laboratory,
 * country), in one statement. `keys` are folded values as `textBreakdown` returns them.
 */
export async function countCategoriesOf(
  knex: Knex,
  scope: StatsScope,
  dimension: Dimension,
  keys: string[],
): Promise<CategoryCountsByKey> {
  const searchColumn = DIMENSIONS[dimension].searchColumn;
  if (!searchColumn) throw new Error(`${dimension} has no folded column to match on`);
  const query = knex('medicament')
    .select({ key: searchColumn, categorie: 'categorie' })
    .count({ count: '*' })
    .whereIn(
      searchColumn,
      keys.map((key) => ` ${key} `),
    )
    .groupBy(searchColumn, 'categorie');
  applyCriteria(query, scope.version, scope.criteria);
  applyVisibility(query, scope.showRetraits);
  const rows = (await query) as unknown as CategoryRow[];

  const result: CategoryCountsByKey = {};
  for (const key of keys) result[key] = { total: 0, nomenclature: 0, nonRenouvele: 0, retrait: 0 };
  for (const row of rows) {
    const counts = result[row.key.trim()];
    counts[COUNT_KEYS[row.categorie]] += Number(row.count);
    counts.total += Number(row.count);
  }
  return result;
}
