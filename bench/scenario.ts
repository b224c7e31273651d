import type { GraphQLBody } from './http-client';

/** Text replaced by a value unique to each request in a cache-busting scenario. */
export const NONCE_PLACEHOLDER = '__BENCH_NONCE__';

/**
 * Text replaced by a valid `YYYY-MM-DD` date unique to each request, in path or body. It
 * misses caches whose key contains only validated criteria, such as the statistics cache,
 * which ignores `benchNonce`.
 */
export const DATE_PLACEHOLDER = '__BENCH_DATE__';

/** First year of the dates that replace `DATE_PLACEHOLDER`, after every date of the data. */
export const UNIQUE_DATE_FIRST_YEAR = 2027;

/**
 * Distinct dates that `uniqueDate` produces: days 1 to 28 of every month from 2027 to 9999,
 * so that no leap-year rule is needed. Indexes wrap around past this count.
 */
export const UNIQUE_DATE_COUNT = (9999 - UNIQUE_DATE_FIRST_YEAR + 1) * 12 * 28;

/** Maps an index to a valid date, distinct for indexes below `UNIQUE_DATE_COUNT`. */
export function uniqueDate(index: number): string {
  const wrapped = index % UNIQUE_DATE_COUNT;
  const year = UNIQUE_DATE_FIRST_YEAR + Math.floor(wrapped / (12 * 28));
  const month = (Math.floor(wrapped / 28) % 12) + 1;
  const day = (wrapped % 28) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

let nextDateIndex = 0;

/**
 * Reserves `count` consecutive date indexes for this bench process and returns the first.
 * The fetch requests take one each, and every wrk run takes a block.
 */
export function reserveDateIndexes(count: number): number {
  const first = nextDateIndex;
  nextDateIndex = (nextDateIndex + count) % UNIQUE_DATE_COUNT;
  return first;
}

/** Replaces both placeholders in a path or body sent once with fetch. */
export function fillPlaceholders(text: string, nonce: string): string;
export function fillPlaceholders(text: string | undefined, nonce: string): string | undefined;
export function fillPlaceholders(text: string | undefined, nonce: string): string | undefined {
  if (text === undefined) return undefined;
  const withNonce = text.replaceAll(NONCE_PLACEHOLDER, nonce);
  if (!withNonce.includes(DATE_PLACEHOLDER)) return withNonce;
  return withNonce.replaceAll(DATE_PLACEHOLDER, uniqueDate(reserveDateIndexes(1)));
}

/**
 * Success rule of a response. `graphql` requires HTTP 200 with `data` and no `errors`,
 * `http-ok` only HTTP 200 (REST routes such as `GET /health`), and `csv` HTTP 200 with a
 * header row plus `expectedCsvRows` records. wrk runs check only the status for `csv`.
 */
export type ResponseCheck = 'graphql' | 'http-ok' | 'csv';

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
   * path or body. `DATE_PLACEHOLDER` is replaced whether or not this is set.
   */
  cacheBusting?: boolean;
  check: ResponseCheck;
  /** Data records (header row excluded) a `csv` response must contain. */
  expectedCsvRows?: number;
  /**
   * `throughput` (the default) drives wrk. `timed` sends the request `repeat` times, one
   * after the other, and records each duration and the server's memory growth: for long
   * responses such as the full CSV export.
   */
  kind?: 'throughput' | 'timed';
  /** Requests of a `timed` scenario (default 3). */
  repeat?: number;
  /** Target median duration of a `timed` scenario, in ms. */
  targetMs?: number;
  /** Target growth of the server's RSS during a `timed` scenario (peak minus before), in MB. */
  targetRssGrowthMB?: number;
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
