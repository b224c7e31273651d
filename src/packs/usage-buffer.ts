import type { Knex } from '@mikro-orm/knex';

import type { Logger } from '../core/logger';
import { QuotaPeriods, UsagePeriod } from './periods';
import { incrementCounter } from './usage-store';

/** How often buffered usage of unlimited callers is written to the database. */
export const USAGE_FLUSH_INTERVAL_MS = 5000;

interface CounterKey {
  userId: number;
  period: UsagePeriod;
  start: string;
}

function keyText(key: CounterKey): string {
  return `${key.userId}|${key.period}|${key.start}`;
}

function parseKey(text: string): CounterKey {
  const [userId, period, start] = text.split('|');
  return { userId: Number(userId), period: period as UsagePeriod, start };
}

/**
 * Counts requests of callers without limits (unlimited packs and admins) in memory and adds
 * them to the database counters every few seconds and at stop, so that counting these
 * requests does not wait on a write. A process that crashes loses the counts not yet written:
 * one interval's worth while the database is reachable.
 */
export class UsageBuffer {
  private pending = new Map<string, number>();
  private inFlight = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly knex: Knex,
    private readonly logger: Logger,
    private readonly intervalMs = USAGE_FLUSH_INTERVAL_MS,
  ) {}

  /** Counts `amount` requests of a user in the day and the month of `periods`. */
  add(userId: number, periods: QuotaPeriods, amount: number): void {
    for (const [period, start] of [
      [UsagePeriod.DAY, periods.day],
      [UsagePeriod.MONTH, periods.month],
    ] as const) {
      const key = keyText({ userId, period, start });
      this.pending.set(key, (this.pending.get(key) ?? 0) + amount);
    }
  }

  /** Requests of one user counted here but not yet in the database. */
  pendingFor(userId: number, period: UsagePeriod, start: string): number {
    const key = keyText({ userId, period, start });
    return (this.pending.get(key) ?? 0) + (this.inFlight.get(key) ?? 0);
  }

  /** Requests of every user counted here but not yet in the database. */
  pendingTotal(period: UsagePeriod, start: string): number {
    let total = 0;
    for (const map of [this.pending, this.inFlight]) {
      for (const [text, amount] of map) {
        const key = parseKey(text);
        if (key.period === period && key.start === start) total += amount;
      }
    }
    return total;
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

  /** Writes the buffered counts; concurrent calls share one write. */
  flush(): Promise<void> {
    this.flushing ??= this.writePending().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async writePending(): Promise<void> {
    if (this.pending.size === 0) return;
    this.inFlight = this.pending;
    this.pending = new Map();
    let failures = 0;
    let lastError: unknown = null;
    for (const [text, amount] of this.inFlight) {
      const key = parseKey(text);
      try {
        await incrementCounter(this.knex, key.userId, key.period, key.start, amount, null);
      } catch (error) {
        // Kept for the next flush, so a database hiccup loses nothing.
        this.pending.set(text, (this.pending.get(text) ?? 0) + amount);
        failures += 1;
        lastError = error;
      }
    }
    this.inFlight = new Map();
    if (failures > 0) {
      this.logger.error({ err: lastError, failures }, 'usage flush failed, counts kept for retry');
    }
  }
}
