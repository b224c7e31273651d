import type { ResponseCheck } from './scenario';

/** A GraphQL request body as clients send it over HTTP. */
export interface GraphQLBody {
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
}

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** How much of a response body an error message quotes, in characters. */
const SHOWN_BODY_CHARS = 500;

/**
 * Sends one GraphQL request and returns `data`. Throws when the HTTP status is not 200, the
 * body is not JSON, `data` is missing or `errors` is present, quoting the response body.
 */
export async function postGraphQL(
  url: string,
  body: GraphQLBody,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return readGraphQLResponse(response);
}

/** Checks a GraphQL HTTP response as `postGraphQL` does and returns its `data`. */
export async function readGraphQLResponse(response: Response): Promise<Record<string, unknown>> {
  return parseGraphQLBody(response.status, await response.text());
}

/** Returns `data` of a GraphQL response body, or throws as `postGraphQL` describes. */
export function parseGraphQLBody(status: number, text: string): Record<string, unknown> {
  let parsed: GraphQLResponse;
  try {
    parsed = JSON.parse(text) as GraphQLResponse;
  } catch {
    throw new Error(`HTTP ${status}, body is not JSON: ${text.slice(0, SHOWN_BODY_CHARS)}`);
  }
  if (parsed.errors?.length) {
    const details = parsed.errors
      .map((error) => `${error.extensions?.code ?? 'NO_CODE'}: ${error.message}`)
      .join('; ');
    throw new Error(`HTTP ${status}, GraphQL errors: ${details}`);
  }
  if (status !== 200) {
    throw new Error(`HTTP ${status}: ${text.slice(0, SHOWN_BODY_CHARS)}`);
  }
  if (!parsed.data) {
    throw new Error(`HTTP 200 without data: ${text.slice(0, SHOWN_BODY_CHARS)}`);
  }
  return parsed.data;
}

const QUOTE = 0x22;
const LINE_FEED = 0x0a;

/**
 * Counts the records of CSV text, header row included: line feeds outside quoted cells, plus
 * a last record without a line end. A doubled quote inside a cell toggles the state twice,
 * so it needs no special case.
 */
export function countCsvRecords(body: Buffer): number {
  let records = 0;
  let quoted = false;
  for (const byte of body) {
    if (byte === QUOTE) quoted = !quoted;
    else if (byte === LINE_FEED && !quoted) records += 1;
  }
  const last = body.length > 0 ? body[body.length - 1] : LINE_FEED;
  return last === LINE_FEED ? records : records + 1;
}

/**
 * Throws unless a response succeeded as `check` requires (see `ResponseCheck`).
 * `expectedCsvRows` is the number of data rows a `csv` response must contain.
 */
export function verifyResponse(
  check: ResponseCheck,
  status: number,
  body: Buffer,
  expectedCsvRows?: number,
): void {
  if (check === 'graphql') {
    parseGraphQLBody(status, body.toString('utf8'));
    return;
  }
  if (status !== 200) {
    const excerpt = body.subarray(0, SHOWN_BODY_CHARS).toString('utf8');
    throw new Error(`HTTP ${status} instead of 200: ${excerpt}`);
  }
  if (check === 'csv') {
    if (expectedCsvRows === undefined) {
      throw new Error('A scenario with the csv check must set expectedCsvRows.');
    }
    const rows = countCsvRecords(body) - 1;
    if (rows !== expectedCsvRows) {
      throw new Error(
        `CSV has ${rows} data rows after its header, expected ${expectedCsvRows} (${body.length} bytes)`,
      );
    }
  }
}
