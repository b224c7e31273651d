import { clock } from '../core/clock';
import type { QuotaState } from './quota.service';

/** `X-RateLimit-*` headers of a limited caller's response. */
export function quotaHeaders(state: QuotaState): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(state.limit),
    'X-RateLimit-Remaining': String(state.remaining),
    'X-RateLimit-Reset': String(Math.ceil(state.resetAt.getTime() / 1000)),
  };
}

/** Seconds until `resetAt` by the app clock, at least 1, for `Retry-After`. */
export function secondsUntil(resetAt: Date): number {
  return Math.max(1, Math.ceil((resetAt.getTime() - clock.nowMs()) / 1000));
}

/** `extensions.quota` of a GraphQL response. */
export function quotaExtension(state: QuotaState) {
  return { limit: state.limit, remaining: state.remaining, resetAt: state.resetAt.toISOString() };
}
