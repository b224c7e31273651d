import { algiersPeriods } from '../../src/packs/periods';

describe('algiersPeriods', () => {
  it('puts 22:59:59Z and 23:00:01Z on consecutive Algiers days', () => {
    const before = algiersPeriods(new Date('2025-03-14T22:59:59Z'));
    const after = algiersPeriods(new Date('2025-03-14T23:00:01Z'));

    expect(before.day).toBe('2025-03-14');
    expect(after.day).toBe('2025-03-15');
  });

  it('ends the day at midnight Algiers time', () => {
    const periods = algiersPeriods(new Date('2025-03-14T10:00:00Z'));

    expect(periods.dayEndsAt.toISOString()).toBe('2025-03-14T23:00:00.000Z');
  });

  it('starts a month on the 1st at 00:00 Algiers time', () => {
    const lastSecond = algiersPeriods(new Date('2025-07-31T22:59:59Z'));
    const firstSecond = algiersPeriods(new Date('2025-07-31T23:00:00Z'));

    expect(lastSecond.month).toBe('2025-07-01');
    expect(lastSecond.monthEndsAt.toISOString()).toBe('2025-07-31T23:00:00.000Z');
    expect(firstSecond.month).toBe('2025-08-01');
    expect(firstSecond.day).toBe('2025-08-01');
  });

  it('rolls the year over on 1 January Algiers time', () => {
    const periods = algiersPeriods(new Date('2025-12-31T23:30:00Z'));

    expect(periods.day).toBe('2026-01-01');
    expect(periods.month).toBe('2026-01-01');
    expect(periods.monthEndsAt.toISOString()).toBe('2026-01-31T23:00:00.000Z');
  });

  it('handles 29 February of a leap year', () => {
    const periods = algiersPeriods(new Date('2024-02-28T23:00:00Z'));

    expect(periods.day).toBe('2024-02-29');
    expect(periods.dayEndsAt.toISOString()).toBe('2024-02-29T23:00:00.000Z');
    expect(periods.monthEndsAt.toISOString()).toBe('2024-02-29T23:00:00.000Z');
  });

  it('ignores European daylight saving dates', () => {
    // Europe moves clocks on 30 March 2025; Algeria keeps UTC+1.
    const periods = algiersPeriods(new Date('2025-03-30T22:59:59Z'));

    expect(periods.day).toBe('2025-03-30');
    expect(periods.dayEndsAt.toISOString()).toBe('2025-03-30T23:00:00.000Z');
  });
});
