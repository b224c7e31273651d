/**
 * Algiers time is UTC+1 all year: Algeria has not observed daylight saving time since 1981.
 * Periods are computed by shifting the instant and reading its UTC fields, so the result
 * never depends on the time zone of the server process (`TZ`).
 */
const ALGIERS_OFFSET_MS = 60 * 60 * 1000;

/** The two quota periods; each usage counter row covers one of them. */
export enum UsagePeriod {
  DAY = 'DAY',
  MONTH = 'MONTH',
}

/** The Algiers day and month that contain an instant, and when each one ends. */
export interface QuotaPeriods {
  /** Algiers calendar date, `YYYY-MM-DD`. */
  day: string;
  /** First day of the Algiers month, `YYYY-MM-01`. */
  month: string;
  /** Next midnight in Algiers, when the daily counter starts again. */
  dayEndsAt: Date;
  /** Midnight in Algiers on the 1st of the next month. */
  monthEndsAt: Date;
}

function isoDate(year: number, monthIndex: number, day: number): string {
  const month = String(monthIndex + 1).padStart(2, '0');
  return `${year}-${month}-${String(day).padStart(2, '0')}`;
}

/** Returns the Algiers day and month of an instant. */
export function algiersPeriods(instant: Date): QuotaPeriods {
  const shifted = new Date(instant.getTime() + ALGIERS_OFFSET_MS);
  const year = shifted.getUTCFullYear();
  const monthIndex = shifted.getUTCMonth();
  const day = shifted.getUTCDate();

  // Date.UTC carries day 32 or month 12 over into the next month or year.
  const nextDay = Date.UTC(year, monthIndex, day + 1) - ALGIERS_OFFSET_MS;
  const nextMonth = Date.UTC(year, monthIndex + 1, 1) - ALGIERS_OFFSET_MS;
  return {
    day: isoDate(year, monthIndex, day),
    month: isoDate(year, monthIndex, 1),
    dayEndsAt: new Date(nextDay),
    monthEndsAt: new Date(nextMonth),
  };
}

/** The start date a counter row of `period` stores for these periods. */
export function periodStart(periods: QuotaPeriods, period: UsagePeriod): string {
  return period === UsagePeriod.DAY ? periods.day : periods.month;
}
