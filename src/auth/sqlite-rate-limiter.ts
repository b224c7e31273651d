import type { Knex } from '@mikro-orm/knex';
import {
  IRateLimiterStoreOptions,
  RateLimiterRes,
  RateLimiterStoreAbstract as StoreAbstract,
} from 'rate-limiter-flexible';

import { rowsOf } from '../packs/usage-store';

/** A stored counter: points consumed, and the Unix milliseconds when the window ends. */
// rate-limiter-flexible 5.0 declares this base class in its types but does not export it from
// its entry point, so it is loaded from its file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RateLimiterStoreAbstract: typeof StoreAbstract = require('rate-limiter-flexible/lib/RateLimiterStoreAbstract');

/** Every this many writes, windows that ended over an hour ago are deleted. */
const CLEANUP_EVERY_WRITES = 1000;
const CLEANUP_AGE_MS = 60 * 60 * 1000;

interface StoredPoints {
  points: number | string;
  expire: number | string | null;
}

/**
 * rate-limiter-flexible store on SQLite through the app's knex, with the same table layout
 * as its `RateLimiterPostgres` (`key`, `points`, `expire`). rate-limiter-flexible 5.x has no
 * SQLite store, and later versions with one are outside the range graphql-rate-limit-directive
 * 2.x accepts. The table comes from the `RateLimitBucket` entity. The hooks below override
 * the store methods that `RateLimiterStoreAbstract` calls; its type declarations omit them.
 */
export class SqliteRateLimiter extends RateLimiterStoreAbstract {
  private readonly knex: Knex;
  private readonly table: string;
  private writes = 0;

  constructor(options: IRateLimiterStoreOptions) {
    super(options);
    this.knex = options.storeClient as Knex;
    this.table = options.tableName ?? 'rate_limit';
  }

  /** Adds points in one statement; a window that has ended starts again from `points`. */
  async _upsert(
    rlKey: string,
    points: number,
    msDuration: number,
    forceExpire = false,
  ): Promise<StoredPoints> {
    const now = Date.now();
    this.writes += 1;
    if (this.writes % CLEANUP_EVERY_WRITES === 0) await this.clearExpired(now - CLEANUP_AGE_MS);
    const newExpire = msDuration > 0 ? now + msDuration : null;
    const table = this.table;
    const restart = `(${table}.expire <= ? or ${forceExpire ? 1 : 0} = 1)`;
    const result = await this.knex.raw(
      `insert into ${table} ("key", points, expire) values (?, ?, ?) ` +
        `on conflict ("key") do update set ` +
        `points = case when ${restart} then excluded.points else ${table}.points + excluded.points end, ` +
        `expire = case when ${restart} then excluded.expire else ${table}.expire end ` +
        'returning points, expire',
      [rlKey, points, newExpire, now, now],
    );
    return rowsOf<StoredPoints>(result)[0];
  }

  async _get(rlKey: string): Promise<StoredPoints | null> {
    const row = await this.knex(this.table)
      .select('points', 'expire')
      .where('key', rlKey)
      .andWhere((query) => query.whereNull('expire').orWhere('expire', '>', Date.now()))
      .first();
    return (row as StoredPoints | undefined) ?? null;
  }

  async _delete(rlKey: string): Promise<boolean> {
    const deleted = await this.knex(this.table).where('key', rlKey).delete();
    return Number(deleted) > 0;
  }

  _getRateLimiterRes(_rlKey: string, changedPoints: number, stored: StoredPoints): RateLimiterRes {
    const points = Number(stored.points);
    const isFirstInDuration = changedPoints === points;
    const consumedPoints = isFirstInDuration ? changedPoints : points;
    const msBeforeNext =
      stored.expire === null ? -1 : Math.max(Number(stored.expire) - Date.now(), 0);
    const remainingPoints = Math.max(this.points - consumedPoints, 0);
    return new RateLimiterRes(remainingPoints, msBeforeNext, consumedPoints, isFirstInDuration);
  }

  /** Deletes windows that ended before `before` (Unix milliseconds). */
  async clearExpired(before: number): Promise<void> {
    await this.knex(this.table).where('expire', '<', before).delete();
  }
}
