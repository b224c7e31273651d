import {
  IRateLimiterRedisOptions,
  RateLimiterAbstract,
  RateLimiterPostgres,
  RateLimiterRedis,
} from 'rate-limiter-flexible';
import { createClient } from 'redis';

import type { AppConfig } from '../core/config';
import type { Logger } from '../core/logger';
import type { Orm } from '../db/orm';
import { SqliteRateLimiter } from './sqlite-rate-limiter';

/** Table of the `RateLimitBucket` entity. */
const RATE_LIMIT_TABLE = 'rate_limit';

type LimiterClass = typeof RateLimiterAbstract;
type LimiterConstructor = new (options: Record<string, unknown>) => RateLimiterAbstract;

/** Store of the rate-limit counters, shared by every process that uses the same one. */
export interface RateLimitStore {
  kind: 'redis' | 'postgresql' | 'sqlite';
  limiterClass: LimiterClass;
  /** Options for each limiter, except `points`, `duration` and `keyPrefix`. */
  limiterOptions: Record<string, unknown>;
  close(): Promise<void>;
}

/**
 * Redis when `REDIS_URL` is set, otherwise the app's database through its knex, so the
 * limits hold across processes either way.
 */
export function createRateLimitStore(config: AppConfig, orm: Orm, logger: Logger): RateLimitStore {
  const database = databaseStore(config, orm);
  return config.redisUrl
    ? redisStore(config.redisUrl, config.redisKeyPrefix, database, logger)
    : database;
}

function databaseStore(config: AppConfig, orm: Orm): RateLimitStore {
  const knex = orm.em.getKnex();
  if (config.database.kind === 'postgresql') {
    return {
      kind: 'postgresql',
      limiterClass: RateLimiterPostgres as unknown as LimiterClass,
      limiterOptions: {
        storeClient: knex,
        storeType: 'knex',
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
      },
      close: async () => undefined,
    };
  }
  return {
    kind: 'sqlite',
    limiterClass: SqliteRateLimiter as unknown as LimiterClass,
    limiterOptions: { storeClient: knex, tableName: RATE_LIMIT_TABLE },
    close: async () => undefined,
  };
}

/**
 * Builds a Redis limiter class that falls back on the database store (rate-limiter-flexible's
 * `insuranceLimiter`) whenever a Redis command fails, so a Redis outage keeps the limits.
 */
function redisLimiterClass(fallback: RateLimitStore, prefix: string): LimiterClass {
  const Fallback = fallback.limiterClass as unknown as LimiterConstructor;
  class RedisWithDatabaseFallback extends RateLimiterRedis {
    constructor(options: IRateLimiterRedisOptions) {
      const { points, duration, keyPrefix } = options;
      const insuranceLimiter = new Fallback({
        ...fallback.limiterOptions,
        points,
        duration,
        keyPrefix,
      });
      super({ ...options, keyPrefix: `${prefix}:${keyPrefix ?? 'rlflx'}`, insuranceLimiter });
    }
  }
  return RedisWithDatabaseFallback as unknown as LimiterClass;
}

function redisStore(
  url: string,
  prefix: string,
  fallback: RateLimitStore,
  logger: Logger,
): RateLimitStore {
  // Without the offline queue, commands fail at once while Redis is down, instead of waiting
  // for the reconnection, and the database store takes over.
  const client = createClient({ url, disableOfflineQueue: true });
  let errors = 0;
  client.on('error', (error: Error) => {
    // The client reconnects by itself; the first error is logged, then one in a hundred.
    errors += 1;
    if (errors === 1 || errors % 100 === 0)
      logger.error({ err: error, errors }, 'rate-limit Redis connection failed');
  });
  client.connect().catch((error: Error) => {
    logger.error({ err: error }, 'rate-limit Redis connection failed at start');
  });
  return {
    kind: 'redis',
    limiterClass: redisLimiterClass(fallback, prefix),
    limiterOptions: { storeClient: client, useRedisPackage: true },
    close: async () => {
      if (client.isReady) await client.quit();
      else if (client.isOpen) await client.disconnect();
    },
  };
}
