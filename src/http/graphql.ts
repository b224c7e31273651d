import { Readable } from 'node:stream';

import { ApolloServer, ApolloServerPlugin, HeaderMap, HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Context as KoaContext, Middleware } from 'koa';

import { AppError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { GraphQLContext, RequestState } from './context';
import { createErrorFormatter } from './graphql-errors';
import { queryLimitsRule } from './query-limits';
import type { Services } from './services';

/** Adapts our pino logger to the logger interface Apollo expects. */
function apolloLogger(logger: Logger) {
  const child = logger.child({ component: 'apollo' });
  return {
    debug: (message: string) => child.debug(message),
    info: (message: string) => child.info(message),
    warn: (message: string) => child.warn(message),
    error: (message: string) => child.error(message),
  };
}

/**
 * Records the operation name for the request log line, on the Koa request state: Apollo
 * gives plugins and resolvers a copy of the context object.
 */
const operationNamePlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation, operationName }) {
        if (!operation) return;
        const fields = operation.selectionSet.selections
          .map((selection) => (selection.kind === 'Field' ? selection.name.value : selection.kind))
          .join(',');
        const label = `${operation.operation} ${operationName ?? '(anonymous)'} [${fields}]`;
        contextValue.operation = label;
        (contextValue.koa.state as RequestState).operation = label;
      },
    };
  },
};

/** Creates and starts Apollo Server; the landing page is ours (see `playground.ts`). */
export async function startApollo(
  schema: GraphQLSchema,
  services: Services,
  plugins: ApolloServerPlugin<GraphQLContext>[] = [],
): Promise<ApolloServer<GraphQLContext>> {
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    logger: apolloLogger(services.logger),
    introspection: true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(services.logger),
    validationRules: [queryLimitsRule],
    plugins: [ApolloServerPluginLandingPageDisabled(), operationNamePlugin, ...plugins],
  });
  await apollo.start();
  return apollo;
}

function toHeaderMap(ctx: KoaContext): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(ctx.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/**
 * Discards the unread rest of a multipart request once Apollo has built the response. A
 * resolver that rejects its caller never reads the uploaded file, and graphqlUploadKoa delays
 * the response until the request has ended, so without this such a request hangs. Mount it
 * right after graphqlUploadKoa.
 */
export const discardUnreadUploads: Middleware = async (ctx, next) => {
  try {
    await next();
  } finally {
    if (ctx.request.is('multipart/form-data') && !ctx.req.readableEnded) {
      ctx.req.unpipe();
      ctx.req.resume();
    }
  }
};

/**
 * Koa middleware that hands the request to Apollo. It expects the body parsed (JSON by
 * koa-body, multipart by graphql-upload-minimal) and `ctx.state` filled by the request
 * middleware. It follows the GraphQL-over-HTTP rules through Apollo itself.
 */
export function graphqlMiddleware(
  apollo: ApolloServer<GraphQLContext>,
  services: Services,
): Middleware {
  return async (ctx) => {
    if (containsNulCharacter((ctx.request as { body?: unknown }).body)) {
      throw AppError.badInput('Requête invalide : le caractère nul (U+0000) est interdit.');
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: ctx.method.toUpperCase(),
      headers: toHeaderMap(ctx),
      search: ctx.querystring ? `?${ctx.querystring}` : '',
      body: (ctx.request as { body?: unknown }).body,
    };
    const state = ctx.state as RequestState;
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: async () => Object.assign(state, { services, koa: ctx }) as GraphQLContext,
    });

    for (const [name, value] of response.headers) ctx.set(name, value);
    ctx.status = response.status ?? 200;
    ctx.body =
      response.body.kind === 'complete'
        ? response.body.string
        : Readable.from(response.body.asyncIterator);
  };
}

/**
 * Checks whether a parsed body contains U+0000 in any string. SQLite statements are sent as text and
 * end at that character, so such values would fail in the driver with an internal error.
 */
function containsNulCharacter(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => containsNulCharacter(child, depth + 1));
}
