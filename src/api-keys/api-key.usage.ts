import type { Knex } from '@mikro-orm/knex';

import type { Logger } from '../core/logger';

/** How often buffered key usage is written to the database. */
export const KEY_USAGE_FLUSH_INTERVAL_MS = 5000;

interface KeyUse {
  uses: number;
  lastUsedAt: Date;
}

/** Turns a Date into the value the driver stores in a datetime column. */
export type DateToColumn = (date: Date) => unknown;

/**
 * Collects the use count and last use of API keys in memory and writes them every few
 * seconds and at stop, so that authenticating with a key costs one read and no write.
 */
export class ApiKeyUsageRecorder {
  private pending = new Map<number, KeyUse>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly knex: Knex,
    private readonly toColumn: DateToColumn,
    private readonly logger: Logger,
    private readonly intervalMs = KEY_USAGE_FLUSH_INTERVAL_MS,
  ) {}

  record(apiKeyId: number, at: Date): void {
    this.merge(apiKeyId, { uses: 1, lastUsedAt: at });
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and writes what is left. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** Writes the buffered uses; concurrent calls share one write. */
  flush(): Promise<void> {
    this.flushing ??= this.writePending().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async writePending(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    const failedKeyIds: number[] = [];
    let lastError: unknown = null;
    for (const [apiKeyId, use] of batch) {
      try {
        await this.knex('api_key')
          .where('id', apiKeyId)
          .update({
            use_count: this.knex.raw('use_count + ?', [use.uses]),
            last_used_at: this.toColumn(use.lastUsedAt),
          });
      } catch (error) {
        // Kept for the next flush, so a database hiccup loses nothing.
        this.merge(apiKeyId, use);
        failedKeyIds.push(apiKeyId);
        lastError = error;
      }
    }
    if (failedKeyIds.length > 0) {
      this.logger.error(
        { err: lastError, apiKeyIds: failedKeyIds },
        'API key usage flush failed, uses kept for retry',
      );
    }
  }

  private merge(apiKeyId: number, use: KeyUse): void {
    const current = this.pending.get(apiKeyId);
    if (!current) {
      this.pending.set(apiKeyId, { ...use });
      return;
    }
    current.uses += use.uses;
    if (use.lastUsedAt > current.lastUsedAt) current.lastUsedAt = use.lastUsedAt;
  }
}
