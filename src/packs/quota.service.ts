import type { Knex } from '@mikro-orm/knex';

import type { Principal } from '../auth/access';
import { Role } from '../auth/user.entity';
import { clock } from '../core/clock';
import { AppError } from '../core/errors';
import { PackCode, PACKS } from './pack.catalog';
import { algiersPeriods, QuotaPeriods, UsagePeriod } from './periods';
import { UsageBuffer } from './usage-buffer';
import { incrementCounter, PeriodCounts, readCounts, sumCounts } from './usage-store';

/** Daily and monthly limits of a caller; a null field has no limit. */
export interface QuotaLimits {
  daily: number | null;
  monthly: number | null;
}

/** Remaining quota of a limited caller, as sent in headers and `extensions.quota`. */
export interface QuotaState {
  /** The daily limit (the monthly one for a pack without a daily limit). */
  limit: number;
  /** Requests left today, or this month when that is less. */
  remaining: number;
  /** When `remaining` grows again: the end of the period it was taken from. */
  resetAt: Date;
}

/**
 * Result of counting a request: the caller's state (null for callers without limits), and
 * the error when the request is over a limit, in which case nothing was counted.
 */
export type QuotaOutcome =
  { state: QuotaState | null; error: null } | { state: QuotaState; error: AppError };

/** A user's usage as `myUsage` returns it. */
export interface UsageReport {
  today: number;
  month: number;
  dailyLimit: number | null;
  monthlyLimit: number | null;
  resetAt: Date;
}

/** Limits of a caller; admins and packs without limits get null. */
export function limitsOf(role: Role, pack: PackCode): QuotaLimits | null {
  if (role === Role.ADMIN) return null;
  const { dailyLimit, monthlyLimit } = PACKS[pack];
  if (dailyLimit === null && monthlyLimit === null) return null;
  return { daily: dailyLimit, monthly: monthlyLimit };
}

function left(limit: number | null, used: number): number {
  return limit === null ? Number.POSITIVE_INFINITY : Math.max(limit - used, 0);
}

/** Builds the state sent to a limited caller from its current counts. */
export function quotaState(limits: QuotaLimits, counts: PeriodCounts, periods: QuotaPeriods) {
  const dayLeft = left(limits.daily, counts.day);
  const monthLeft = left(limits.monthly, counts.month);
  const state: QuotaState = {
    limit: (limits.daily ?? limits.monthly) as number,
    remaining: Math.min(dayLeft, monthLeft),
    resetAt: monthLeft < dayLeft ? periods.monthEndsAt : periods.dayEndsAt,
  };
  return state;
}

/**
 * Counts requests per user against the pack's quotas. Limited callers are counted in the
 * database by conditional upserts of the day and month rows in one transaction, so the
 * limits hold exactly under concurrency and across processes. Other callers are counted
 * through the in-memory `UsageBuffer`.
 */
export class QuotaService {
  constructor(
    private readonly knex: Knex,
    readonly buffer: UsageBuffer,
  ) {}

  /** Counts `amount` requests (root fields or REST calls) of a caller. */
  async consume(principal: Principal, amount: number): Promise<QuotaOutcome> {
    const periods = algiersPeriods(clock.now());
    const limits = limitsOf(principal.role, principal.pack);
    if (!limits) {
      this.buffer.add(principal.userId, periods, amount);
      return { state: null, error: null };
    }
    return this.consumeLimited(principal.userId, limits, amount, periods);
  }

  /** Returns a user's usage in the current Algiers day and month, buffered counts included. */
  async usageOf(userId: number, role: Role, pack: PackCode): Promise<UsageReport> {
    const periods = algiersPeriods(clock.now());
    const stored = await readCounts(this.knex, userId, periods);
    const limits = limitsOf(role, pack);
    return {
      today: stored.day + this.buffer.pendingFor(userId, UsagePeriod.DAY, periods.day),
      month: stored.month + this.buffer.pendingFor(userId, UsagePeriod.MONTH, periods.month),
      dailyLimit: limits?.daily ?? null,
      monthlyLimit: limits?.monthly ?? null,
      resetAt: periods.dayEndsAt,
    };
  }

  /** Requests of every user in the current Algiers day and month, buffered counts included. */
  async totals(): Promise<PeriodCounts> {
    const periods = algiersPeriods(clock.now());
    const [day, month] = await Promise.all([
      sumCounts(this.knex, UsagePeriod.DAY, periods.day),
      sumCounts(this.knex, UsagePeriod.MONTH, periods.month),
    ]);
    return {
      day: day + this.buffer.pendingTotal(UsagePeriod.DAY, periods.day),
      month: month + this.buffer.pendingTotal(UsagePeriod.MONTH, periods.month),
    };
  }

  private async consumeLimited(
    userId: number,
    limits: QuotaLimits,
    amount: number,
    periods: QuotaPeriods,
  ): Promise<QuotaOutcome> {
    const counts = fitsEmptyPeriod(limits, amount)
      ? await this.incrementBoth(userId, limits, amount, periods)
      : null;
    if (counts) return { state: quotaState(limits, counts, periods), error: null };

    const current = await readCounts(this.knex, userId, periods);
    const monthFull = limits.monthly !== null && current.month + amount > limits.monthly;
    const error = monthFull
      ? AppError.quotaExceeded(periods.monthEndsAt, 'month')
      : AppError.quotaExceeded(periods.dayEndsAt, 'day');
    const state = quotaState(limits, current, periods);
    // A rejected caller waits for the end of the period that is full.
    state.resetAt = monthFull ? periods.monthEndsAt : periods.dayEndsAt;
    return { state, error };
  }

  /** Increments the day then the month row; rolls both back when either is full. */
  private async incrementBoth(
    userId: number,
    limits: QuotaLimits,
    amount: number,
    periods: QuotaPeriods,
  ): Promise<PeriodCounts | null> {
    const trx = await this.knex.transaction();
    try {
      const day = await incrementCounter(
        trx,
        userId,
        UsagePeriod.DAY,
        periods.day,
        amount,
        limits.daily,
      );
      const month =
        day === null
          ? null
          : await incrementCounter(
              trx,
              userId,
              UsagePeriod.MONTH,
              periods.month,
              amount,
              limits.monthly,
            );
      if (day === null || month === null) {
        await trx.rollback();
        return null;
      }
      await trx.commit();
      return { day, month };
    } catch (error) {
      if (!trx.isCompleted()) await trx.rollback();
      throw error;
    }
  }
}

/** Checks that `amount` alone fits the limits, because the first insert of a period is not checked. */
function fitsEmptyPeriod(limits: QuotaLimits, amount: number): boolean {
  return amount <= (limits.daily ?? amount) && amount <= (limits.monthly ?? amount);
}
