import type { Knex } from '@mikro-orm/knex';

import { foldText, foldWords } from '../core/text';
import { Categorie } from '../import/workbook.types';

/** Text filters, each matched on its own folded column. */
export const TEXT_FILTER_COLUMNS = {
  dci: 'dci_search',
  nomMarque: 'nom_marque_search',
  code: 'code_search',
  numEnregistrement: 'num_enregistrement_search',
  laboratoire: 'laboratoire_search',
  paysLaboratoire: 'pays_laboratoire_search',
} as const;

export type TextFilterName = keyof typeof TEXT_FILTER_COLUMNS;

/** Filters of a medicament search; every field is optional and all given ones must match. */
export interface MedicamentCriteria {
  q?: string | null;
  dci?: string | null;
  nomMarque?: string | null;
  code?: string | null;
  numEnregistrement?: string | null;
  laboratoire?: string | null;
  paysLaboratoire?: string | null;
  categorie?: Categorie | null;
  typeMedicament?: string | null;
  liste?: string | null;
  statut?: string | null;
  dateInitialMin?: string | null;
  dateInitialMax?: string | null;
  /** Admin only: include soft-deleted rows. */
  includeDeleted?: boolean | null;
}

export enum SortField {
  N = 'N',
  NUM_ENREGISTREMENT = 'NUM_ENREGISTREMENT',
  CODE = 'CODE',
  DCI = 'DCI',
  NOM_MARQUE = 'NOM_MARQUE',
  FORME = 'FORME',
  DOSAGE = 'DOSAGE',
  CONDITIONNEMENT = 'CONDITIONNEMENT',
  LABORATOIRE = 'LABORATOIRE',
  PAYS_LABORATOIRE = 'PAYS_LABORATOIRE',
  DATE_ENREGISTREMENT_INITIAL = 'DATE_ENREGISTREMENT_INITIAL',
  DATE_ENREGISTREMENT_FINAL = 'DATE_ENREGISTREMENT_FINAL',
  DATE_RETRAIT = 'DATE_RETRAIT',
  TYPE_MEDICAMENT = 'TYPE_MEDICAMENT',
  LISTE = 'LISTE',
  STATUT = 'STATUT',
  CATEGORIE = 'CATEGORIE',
}

export enum SortOrder {
  ASC = 'ASC',
  DESC = 'DESC',
}

export interface SortInput {
  by: SortField;
  order?: SortOrder | null;
}

/** Sort keys: text columns sort on their folded copy so that accents and case do not matter. */
const SORT_COLUMNS: Record<SortField, string> = {
  N: 'sheet_row',
  NUM_ENREGISTREMENT: 'num_enregistrement_search',
  CODE: 'code_search',
  DCI: 'dci_search',
  NOM_MARQUE: 'nom_marque_search',
  FORME: 'forme',
  DOSAGE: 'dosage',
  CONDITIONNEMENT: 'conditionnement',
  LABORATOIRE: 'laboratoire_search',
  PAYS_LABORATOIRE: 'pays_laboratoire_search',
  DATE_ENREGISTREMENT_INITIAL: 'date_enregistrement_initial',
  DATE_ENREGISTREMENT_FINAL: 'date_enregistrement_final',
  DATE_RETRAIT: 'date_retrait',
  TYPE_MEDICAMENT: 'type_medicament',
  LISTE: 'liste',
  STATUT: 'statut',
  CATEGORIE: 'categorie',
};

/**
 * Sheet order: the three sheets as the ministry prints them, then the row in the sheet. The
 * category codes sort alphabetically in that order (NOMENCLATURE, NON_RENOUVELE, RETRAIT),
 * so the plain column lets the (version, categorie, sheet_row) index serve the sort, which a
 * CASE expression prevented.
 */
const CATEGORIE_ORDER_SQL = 'categorie asc';

/** Adds one `LIKE` per word: each word must start a word of the folded column. */
function whereWordsMatch(query: Knex.QueryBuilder, column: string, text: string): void {
  const words = foldWords(text);
  // Text with no letter or digit ("%", Arabic script, emoji) matches nothing rather than all.
  if (words.length === 0 && text.trim() !== '') query.whereRaw('1 = 0');
  for (const word of words) {
    query.where(column, 'like', `% ${word}%`);
  }
}

/**
 * Applies the criteria to a query over `medicament`, except the withdrawal visibility,
 * which the caller decides (counts need the withdrawn rows, pages must not show them).
 */
export function applyCriteria(
  query: Knex.QueryBuilder,
  version: string,
  criteria: MedicamentCriteria,
): void {
  query.where('version', version);
  if (!criteria.includeDeleted) query.whereNull('deleted_at');
  if (criteria.q) whereWordsMatch(query, 'search_text', criteria.q);

  for (const [name, column] of Object.entries(TEXT_FILTER_COLUMNS)) {
    const value = criteria[name as TextFilterName];
    if (value) whereWordsMatch(query, column, value);
  }

  if (criteria.categorie) query.where('categorie', criteria.categorie);
  if (criteria.typeMedicament) query.where('type_medicament', criteria.typeMedicament);
  if (criteria.liste) query.where('liste', criteria.liste);
  if (criteria.statut) query.where('statut', criteria.statut);
  if (criteria.dateInitialMin)
    query.where('date_enregistrement_initial', '>=', criteria.dateInitialMin);
  if (criteria.dateInitialMax)
    query.where('date_enregistrement_initial', '<=', criteria.dateInitialMax);
}

/** Hides withdrawn rows from callers without the RETRAITS feature. */
export function applyVisibility(query: Knex.QueryBuilder, showRetraits: boolean): void {
  if (!showRetraits) query.whereNot('categorie', Categorie.RETRAIT);
}

/**
 * Orders the page: the requested column (nulls last, ties in sheet order), else best
 * match first for a search (exact brand, then brand prefix), else sheet order.
 */
export function applyOrder(
  query: Knex.QueryBuilder,
  criteria: MedicamentCriteria,
  sort: SortInput | null | undefined,
  textCollation: string,
): void {
  if (sort) {
    const column = SORT_COLUMNS[sort.by];
    const direction = sort.order === SortOrder.DESC ? 'desc' : 'asc';
    query.orderByRaw(`case when ${column} is null then 1 else 0 end`);
    query.orderByRaw(`${column}${textCollation} ${direction}`);
  } else if (criteria.q) {
    const brand = foldText(criteria.q);
    query.orderByRaw(
      'case when nom_marque_search = ? then 0 when nom_marque_search like ? then 1 else 2 end',
      [` ${brand} `, ` ${brand}%`],
    );
  }
  query.orderByRaw(CATEGORIE_ORDER_SQL);
  query.orderBy('sheet_row', 'asc');
  query.orderBy('id', 'asc');
}
