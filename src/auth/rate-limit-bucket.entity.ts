import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One counter of the login, signup and password rate limits, in the table layout of
 * rate-limiter-flexible's `RateLimiterPostgres` (used as is on PostgreSQL) and of our
 * `SqliteRateLimiter`. Keys hold the limit name, the field and a hash of the email or the
 * client address.
 */
@Entity({ tableName: 'rate_limit' })
export class RateLimitBucket {
  @PrimaryKey({ type: 'string', length: 255 })
  key!: string;

  @Property({ type: 'integer', default: 0 })
  points = 0;

  /** Unix time in milliseconds when the window ends; null for a window without end. */
  @Property({ type: 'bigint', nullable: true })
  expire: string | null = null;
}
