/**
 * The one source of "now" for quotas, tokens and audit timestamps. Tests move it with
 * `clock.set()` so that day and month boundaries can be crossed without waiting.
 */
export class Clock {
  private offsetMs = 0;
  private frozenAt: number | null = null;

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  /** Freezes the clock at an instant. */
  set(instant: Date | string): void {
    this.frozenAt = new Date(instant).getTime();
  }

  /** Lets the clock run again, starting from an instant. */
  runFrom(instant: Date | string): void {
    this.frozenAt = null;
    this.offsetMs = new Date(instant).getTime() - Date.now();
  }

  reset(): void {
    this.frozenAt = null;
    this.offsetMs = 0;
  }
}

export const clock = new Clock();
