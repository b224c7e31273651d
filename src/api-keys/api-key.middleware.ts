import type { Middleware } from 'koa';

import { AppError } from '../core/errors';

/** Query parameter names, lower-cased without `-` and `_`, that look like an API key. */
const KEY_PARAMETERS = new Set(['apikey', 'xapikey']);

function keyParameter(query: Record<string, unknown>): string | null {
  return (
    Object.keys(query).find((name) =>
      KEY_PARAMETERS.has(name.toLowerCase().replace(/[-_]/g, '')),
    ) ?? null
  );
}

/**
 * Rejects requests that carry an API key in the query string (`?api_key=`, `?apiKey=`...):
 * URLs end up in logs, browser history and proxies. GraphQL requests get a GraphQL error
 * body, other routes the REST `{ code, message }` body; both with status 400.
 */
export function rejectApiKeyInQuery(graphqlPath: string): Middleware {
  return async (ctx, next) => {
    const parameter = keyParameter(ctx.query);
    if (!parameter) return next();

    const error = AppError.badInput(
      `Clé API refusée dans l'URL (paramètre « ${parameter} ») : envoyez-la dans l'en-tête X-API-Key.`,
      { parameter },
    );
    if (ctx.path !== graphqlPath) throw error;
    ctx.status = error.status;
    ctx.body = { errors: [{ message: error.message, extensions: error.extensions }] };
  };
}
