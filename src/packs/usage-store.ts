import type { Knex } from '@mikro-orm/knex';

import { QuotaPeriods, UsagePeriod } from './periods';

/** Usage of one user in the current Algiers day and month. */
export interface PeriodCounts {
  day: number;
  month: number;
}

/** Rows of a raw query: PostgreSQL returns `{ rows }`, SQLite an array. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return (result as { rows?: T[] } | undefined)?.rows ?? [];
}

/**
 * Adds `amount` to a counter row in one statement and returns the new count. With a
 * `limit`, the update only happens when the new count stays within it, and null is returned
 * otherwise, so a rejected request counts nothing. The first insert of a period is not
 * checked, so callers must reject an `amount` above the limit beforehand.
 * `INSERT ... ON CONFLICT ... RETURNING` needs SQLite 3.35 or PostgreSQL 9.5.
 */
export async function incrementCounter(
  knex: Knex,
  userId: number,
  period: UsagePeriod,
  start: string,
  amount: number,
  limit: number | null,
): Promise<number | null> {
  const guard = limit === null ? '' : ' where usage_counter.count + excluded.count <= ?';
  const result = await knex.raw(
    'insert into usage_counter (user_id, period, period_start, count) values (?, ?, ?, ?) ' +
      'on conflict (user_id, period, period_start) ' +
      `do update set count = usage_counter.count + excluded.count${guard} returning count`,
    limit === null ? [userId, period, start, amount] : [userId, period, start, amount, limit],
  );
  const [row] = rowsOf<{ count: number | string }>(result);
  return row ? Number(row.count) : null;
}

/** Reads the stored day and month counts of a user. */
export async function readCounts(
  knex: Knex,
  userId: number,
  periods: QuotaPeriods,
): Promise<PeriodCounts> {
  const rows: { period: UsagePeriod; count: number | string }[] = await knex('usage_counter')
    .select('period', 'count')
    .where('user_id', userId)
    .andWhere((query) =>
      query
        .where({ period: UsagePeriod.DAY, period_start: periods.day })
        .orWhere({ period: UsagePeriod.MONTH, period_start: periods.month }),
    );
  const counts: PeriodCounts = { day: 0, month: 0 };
  for (const row of rows) {
    if (row.period === UsagePeriod.DAY) counts.day = Number(row.count);
    else counts.month = Number(row.count);
  }
  return counts;
}

/** Sums the stored counts of every user for one period. */
export async function sumCounts(knex: Knex, period: UsagePeriod, start: string): Promise<number> {
  const row = (await knex('usage_counter')
    .sum({ total: 'count' })
    .where({ period, period_start: start })
    .first()) as { total: number | string | null } | undefined;
  return Number(row?.total ?? 0);
}
