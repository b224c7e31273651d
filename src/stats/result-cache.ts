import { randomUUID } from 'node:crypto';

import KeyvRedis from '@keyv/redis';
import { Keyv } from 'keyv';
import { LRUCache } from 'lru-cache';

import type { DataGeneration } from '../core/generation';
import type { Logger } from '../core/logger';

/** How long a computed statistic is reused. */
export const RESULT_TTL_MS = 5 * 60 * 1000;

/** Upper bound of entries in the in-memory store; filters make the key space open-ended. */
const MAX_MEMORY_ENTRIES = 2000;

/** How long a Redis connection attempt may take before the cache is skipped. */
const REDIS_CONNECT_TIMEOUT_MS = 2000;

/** After a store failure, the cache is bypassed for this long instead of failing again. */
const BYPASS_AFTER_FAILURE_MS = 30_000;

const EPOCH_KEY = 'epoch';

/** JSON with object keys sorted, so that equal inputs give equal cache keys. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Caches computed results (statistics, dashboard parts) for five minutes in keyv: in memory,
 * or in Redis when `REDIS_URL` is set so that every process shares them.
 *
 * Keys start with an epoch, a random id kept in the store itself. The process where the
 * data changes writes a new epoch, so every process, including those started later, stops
 * reading older entries at once. Values must survive JSON: dates come back as ISO text.
 */
export class ResultCache {
  private readonly keyv: Keyv;
  private readonly redis: KeyvRedis<unknown> | null;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private epochWrite: Promise<void> = Promise.resolve();
  /** An epoch chosen after a data change and not yet written to the store. */
  private pendingEpoch: string | null = null;
  private epochRead: Promise<string> | null = null;
  /** Until when the store is bypassed after a failure (epoch milliseconds). */
  private bypassUntil = 0;

  constructor(
    redisUrl: string,
    generation: DataGeneration,
    private readonly logger: Logger,
    keyPrefix = 'npp',
  ) {
    this.redis = redisUrl ? connectRedis(redisUrl) : null;
    const store = this.redis ?? new LRUCache<string, string>({ max: MAX_MEMORY_ENTRIES });
    this.keyv = new Keyv({ store, namespace: `${keyPrefix}:stats`, ttl: RESULT_TTL_MS });
    this.keyv.on('error', (error: unknown) => this.reportError(error));
    generation.on('change', (change: { fromRemote: boolean }) => {
      // The process where the data changed writes the new epoch; the others read it.
      if (!change.fromRemote) this.renewEpoch();
    });
  }

  /**
   * Returns the cached value for `parts`, or computes, stores and returns it. Concurrent
   * calls with the same key share one computation. After a store failure, which is logged,
   * values are computed without the store for the next 30 seconds.
   */
  async getOrCompute<T>(parts: unknown[], compute: () => Promise<T>): Promise<T> {
    if (Date.now() < this.bypassUntil) return compute();
    const key = `${await this.epoch()}|${stableJson(parts)}`;
    const running = this.inFlight.get(key);
    if (running) return running as Promise<T>;

    const work = this.lookUpOrCompute(key, compute);
    this.inFlight.set(key, work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** Resolves once the epoch chosen after the last local change is written. */
  epochWritten(): Promise<void> {
    return this.epochWrite;
  }

  /** Closes the Redis connection, if any. */
  async close(): Promise<void> {
    await this.epochWrite;
    await this.redis?.disconnect().catch(() => undefined);
  }

  private async lookUpOrCompute<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const cached = await this.safely(() => this.keyv.get<T>(key));
    if (cached !== undefined && cached !== null) return cached;
    const value = await compute();
    await this.safely(() => this.keyv.set(key, value));
    return value;
  }

  private async epoch(): Promise<string> {
    await this.epochWrite;
    if (this.pendingEpoch) {
      // The write after the last change failed: retry, and use the new epoch here anyway.
      await this.writePendingEpoch();
      if (this.pendingEpoch) return this.pendingEpoch;
    }
    // Concurrent first reads share one lookup, so that they agree on a created epoch.
    this.epochRead ??= this.readOrCreateEpoch().finally(() => {
      this.epochRead = null;
    });
    return this.epochRead;
  }

  private async readOrCreateEpoch(): Promise<string> {
    const stored = await this.safely(() => this.keyv.get<string>(EPOCH_KEY));
    if (typeof stored === 'string') return stored;
    const created = randomUUID();
    await this.safely(() => this.keyv.set(EPOCH_KEY, created, 0));
    return created;
  }

  private renewEpoch(): void {
    this.pendingEpoch = randomUUID();
    this.epochWrite = this.epochWrite.then(() => this.writePendingEpoch());
  }

  private async writePendingEpoch(): Promise<void> {
    const epoch = this.pendingEpoch;
    if (!epoch) return;
    // Without Redis, the old entries can never be read again: drop them now.
    if (!this.redis) await this.safely(() => this.keyv.clear());
    const written = await this.safely(() => this.keyv.set(EPOCH_KEY, epoch, 0));
    if (written && this.pendingEpoch === epoch) this.pendingEpoch = null;
  }

  private async safely<T>(operation: () => Promise<T>): Promise<T | undefined> {
    try {
      return await operation();
    } catch (error) {
      this.reportError(error);
      return undefined;
    }
  }

  /** Logs once per failure streak and bypasses the store for a while. */
  private reportError(error: unknown): void {
    const now = Date.now();
    const alreadyBypassing = now < this.bypassUntil;
    this.bypassUntil = now + BYPASS_AFTER_FAILURE_MS;
    if (alreadyBypassing) return;
    this.logger.warn(
      { err: error, bypassMs: BYPASS_AFTER_FAILURE_MS },
      'statistics cache unavailable, computing without it',
    );
  }
}

/**
 * Creates a Redis store whose commands fail at once while the connection is down, instead of
 * waiting in the client's offline queue, so that a Redis outage only costs the cache.
 */
function connectRedis(redisUrl: string): KeyvRedis<unknown> {
  const options = {
    url: redisUrl,
    disableOfflineQueue: true,
    socket: { connectTimeout: REDIS_CONNECT_TIMEOUT_MS },
  };
  const store = new KeyvRedis<unknown>(options, { throwOnConnectError: false });
  store.connectionTimeout = REDIS_CONNECT_TIMEOUT_MS;
  return store;
}
