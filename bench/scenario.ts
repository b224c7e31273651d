import type { GraphQLBody } from './http-client';

/** Text replaced by a value unique to each request in a cache-busting scenario. */
export const NONCE_PLACEHOLDER = '__BENCH_NONCE__';

/**
 * Success rule of a response. `graphql` requires HTTP 200 with `data` and no `errors`, and
 * `http-ok` only HTTP 200 (REST routes such as `GET /health` or the CSV export).
 */
export type ResponseCheck = 'graphql' | 'http-ok';

/** One measured request, as data: the runner sends it once to check it, then drives wrk. */
export interface Scenario {
  /** Short unique name, used by `--only` and in the tables. */
  name: string;
  /** One sentence in French, for the Markdown report, on what the scenario measures. */
  description: string;
  method: 'GET' | 'POST';
  /** Path below the server's base URL, query string included (`/graphql`, `/health`). */
  path: string;
  /** Name of the credential provider that authenticates the requests (see `credentials.ts`). */
  credentials: string;
  /** Extra headers, applied over those of the credentials. */
  headers?: Record<string, string>;
  /** GraphQL body, sent as JSON; the runner adds `Content-Type: application/json`. */
  graphql?: GraphQLBody;
  /** Raw body of a non-GraphQL POST; give its `Content-Type` in `headers`. */
  body?: string;
  /**
   * Makes every request unique so that the server's response cache misses. For GraphQL the
   * runner adds a variable `benchNonce` that the operation does not declare: execution
   * ignores it, but the cache key includes it. Elsewhere, put `NONCE_PLACEHOLDER` in the
   * path or body.
   */
  cacheBusting?: boolean;
  check: ResponseCheck;
  /**
   * `throughput` (the default) drives wrk. `timed` sends the request `repeat` times, one
   * after the other, and records each duration and the server's memory growth: for long
   * responses such as the full CSV export.
   */
  kind?: 'throughput' | 'timed';
  /** Requests of a `timed` scenario (default 3). */
  repeat?: number;
  /** Target throughput in requests per second; null when there is none. */
  targetRps: number | null;
  /** Throughput of the predecessor (FastAPI) on the bench machine; null when not measured. */
  predecessorRps: number | null;
}

/** Builds the body a scenario sends, with the `benchNonce` variable when `cacheBusting` is set. */
export function requestBody(scenario: Scenario): string | undefined {
  if (scenario.graphql) {
    const variables = scenario.cacheBusting
      ? { ...scenario.graphql.variables, benchNonce: NONCE_PLACEHOLDER }
      : scenario.graphql.variables;
    return JSON.stringify({ ...scenario.graphql, variables });
  }
  return scenario.body;
}

/** Merges the headers a scenario sends: credentials, then content type, then its own. */
export function requestHeaders(
  scenario: Scenario,
  credentialHeaders: Record<string, string>,
): Record<string, string> {
  const contentType: Record<string, string> = scenario.graphql
    ? { 'Content-Type': 'application/json' }
    : {};
  return { ...credentialHeaders, ...contentType, ...scenario.headers };
}
