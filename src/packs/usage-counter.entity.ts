import { Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/core';

import { UsagePeriod } from './periods';

/**
 * Requests counted for one user in one Algiers day or month. The quota service increments
 * `count` with a single upsert keyed on the unique (user, period, start) index, so counts
 * stay exact across concurrent requests and processes.
 *
 * `userId` is a plain column, not a foreign key to `app_user`. On SQLite, MikroORM 6.6.16
 * misreads the check constraint of an enum with three values or more, so the schema update
 * at every start rebuilds `app_user`. The implicit delete of that rebuild would cascade to
 * rows that reference it.
 */
@Entity({ tableName: 'usage_counter' })
@Unique({ properties: ['userId', 'period', 'periodStart'] })
export class UsageCounter {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  userId!: number;

  @Enum({ items: () => UsagePeriod, type: 'string', length: 8 })
  period!: UsagePeriod;

  /** First day of the period in Algiers time, `YYYY-MM-DD`. */
  @Property({ type: 'string', length: 10 })
  periodStart!: string;

  @Property({ type: 'integer' })
  count = 0;
}
