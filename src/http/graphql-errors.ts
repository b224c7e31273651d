import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError } from 'graphql';

import { AppError, defaultMessageOf, ErrorCode, isErrorCode } from '../core/errors';
import type { Logger } from '../core/logger';

/**
 * Apollo's own codes for requests that never reached a resolver. They become
 * BAD_USER_INPUT, with Apollo's code kept in `extensions.reason` for tooling.
 */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const REQUEST_ERROR_MESSAGES: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: 'Requête GraphQL illisible',
  GRAPHQL_VALIDATION_FAILED: 'Requête GraphQL invalide',
  OPERATION_RESOLUTION_FAILURE: 'Opération introuvable',
};

/**
 * Builds Apollo's `formatError`: our errors keep their code and message; request errors
 * become BAD_USER_INPUT; anything else is logged in full and reaches the client only as
 * INTERNAL_SERVER_ERROR.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      return { ...formatted, message: original.message, extensions: { ...original.extensions } };
    }

    const apolloCode = formatted.extensions?.code;
    if (
      typeof apolloCode === 'string' &&
      REQUEST_ERROR_CODES.has(apolloCode) &&
      !isUnexpected(original)
    ) {
      const prefix = REQUEST_ERROR_MESSAGES[apolloCode] ?? 'Requête invalide';
      const extensions: Record<string, unknown> = {
        code: ErrorCode.BAD_USER_INPUT,
        reason: apolloCode,
      };
      if (formatted.extensions?.http) extensions.http = formatted.extensions.http;
      return { ...formatted, message: `${prefix} : ${formatted.message}`, extensions };
    }
    if (
      typeof apolloCode === 'string' &&
      isErrorCode(apolloCode) &&
      apolloCode !== ErrorCode.INTERNAL_SERVER_ERROR
    ) {
      return formatted;
    }

    logger.error({ err: original, path: formatted.path }, 'unexpected GraphQL error');
    return {
      message: defaultMessageOf(ErrorCode.INTERNAL_SERVER_ERROR),
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/** A resolver error that is not a GraphQL one (a driver or programming error). */
function isUnexpected(original: unknown): boolean {
  return original instanceof Error && !(original instanceof GraphQLError);
}
