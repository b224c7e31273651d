import { randomUUID } from 'node:crypto';

import type { Context, Middleware } from 'koa';

import { AppError, ErrorCode } from '../core/errors';
import type { RequestState } from './context';
import type { Services } from './services';

const REQUEST_ID_FORMAT = /^[A-Za-z0-9._-]{1,64}$/;

/** Turns any error into our error: HTTP errors of the body parsers keep their meaning. */
export function toAppError(error: unknown, maxUploadBytes: number): AppError | null {
  if (error instanceof AppError) return error;
  const { status, code, type, limit } = (error ?? {}) as {
    status?: number;
    code?: number | string;
    type?: string;
    limit?: number;
  };
  if (type === 'entity.too.large' && typeof limit === 'number') {
    return new AppError(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `Corps de requête trop volumineux : ${Math.round(limit / 1024)} Kio au plus.`,
      { maxBytes: limit },
    );
  }
  if (status === 413 || code === 1009 || code === 1016)
    return AppError.payloadTooLarge(maxUploadBytes);
  // zlib errors: a body announced as gzip or deflate that does not decompress. koa-body
  // rethrows them as an Error named 'object' whose message is the original error as JSON.
  const message = error instanceof Error ? error.message : '';
  if ((typeof code === 'string' && code.startsWith('Z_')) || /"code":"Z_/.test(message)) {
    return AppError.badInput('Corps de requête illisible : la compression annoncée est invalide.');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return AppError.badInput(`Requête invalide : ${(error as Error).message}.`);
  }
  return null;
}

function writeError(ctx: Context, error: AppError): void {
  ctx.status = error.status;
  ctx.body = { code: error.code, message: error.message, ...error.details };
  const retryAfter = error.details.retryAfter;
  if (typeof retryAfter === 'number') ctx.set('Retry-After', String(retryAfter));
}

/**
 * Gives the empty 404 of an unknown route, and the empty 405 that the router sends for a
 * wrong method, the JSON body `{ code, message }` of every other REST error. The 405 keeps
 * its status and `Allow` header.
 */
function writeUnmatchedRoute(ctx: Context): void {
  const route = `${ctx.method} ${ctx.path}`;
  if (ctx.status === 405) {
    const allowed = ctx.response.get('Allow');
    ctx.body = {
      code: ErrorCode.BAD_USER_INPUT,
      message: `Méthode non autorisée : ${route}. Méthodes acceptées : ${allowed}.`,
    };
    return;
  }
  writeError(ctx, AppError.notFound(`Route introuvable : ${route}.`));
}

/**
 * The outermost middleware: request id, a child logger, an EntityManager fork made on first
 * use, the caller's access, REST error bodies `{ code, message }`, and one log line per
 * request.
 */
export function requestMiddleware(services: Services): Middleware {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    const incomingId = ctx.get('x-request-id');
    const requestId = REQUEST_ID_FORMAT.test(incomingId) ? incomingId : randomUUID();
    ctx.set('X-Request-Id', requestId);

    const state = ctx.state as RequestState & { cached?: boolean };
    let em: RequestState['em'] | undefined;
    // Responses replayed from the operation cache never use the database.
    Object.defineProperty(state, 'em', {
      get: () => (em ??= services.orm.em.fork() as RequestState['em']),
      enumerable: true,
      configurable: true,
    });
    state.requestId = requestId;
    state.clientIp = ctx.ip;
    state.logger = services.logger.child({ requestId });

    try {
      state.access = await services.auth.authenticate(
        services.orm.em as RequestState['em'],
        ctx.get('authorization'),
        ctx.get('x-api-key'),
      );
      const principal = state.access.principal;
      if (principal) {
        // setBindings changes this request's child in place, cheaper than a second child.
        state.logger.setBindings(
          principal.apiKeyId
            ? { userId: principal.userId, apiKeyId: principal.apiKeyId }
            : { userId: principal.userId },
        );
      }
      await next();
      if (ctx.body == null && (ctx.status === 404 || ctx.status === 405)) writeUnmatchedRoute(ctx);
    } catch (error) {
      const known = toAppError(error, services.config.maxUploadBytes);
      if (!known) state.logger.error({ err: error }, 'unexpected error');
      writeError(ctx, known ?? new AppError(ErrorCode.INTERNAL_SERVER_ERROR));
    } finally {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      state.logger.info(
        {
          method: ctx.method,
          path: ctx.path,
          operation: state.operation,
          cached: state.cached,
          status: ctx.status,
          durationMs: Math.round(durationMs * 100) / 100,
        },
        'request',
      );
    }
  };
}
