import type { Knex } from '@mikro-orm/knex';

import { Categorie } from '../import/workbook.types';
import { MedicamentRecord, recordSelectList, toRecord } from './medicament.columns';

const RECORD_SELECT = recordSelectList();

/** Starts a query over the rows that are not soft-deleted, with every record column selected. */
export function liveRecords(knex: Knex): Knex.QueryBuilder {
  return knex('medicament').select(RECORD_SELECT).whereNull('deleted_at');
}

/** Reads the rows of a query as records. */
export async function readRecords(query: Knex.QueryBuilder): Promise<MedicamentRecord[]> {
  const rows: Record<string, unknown>[] = await query;
  return rows.map(toRecord);
}

/** Splits records into those the caller may see and the number of withdrawn ones hidden. */
export function splitVisible(
  records: MedicamentRecord[],
  showRetraits: boolean,
): { visible: MedicamentRecord[]; withdrawnHidden: number } {
  if (showRetraits) return { visible: records, withdrawnHidden: 0 };
  const visible = records.filter((record) => record.categorie !== Categorie.RETRAIT);
  return { visible, withdrawnHidden: records.length - visible.length };
}
