import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

import type { AppError } from '../core/errors';

/**
 * Copies an AppError into a GraphQLError whose `extensions.http` sets the HTTP status and
 * headers of the GraphQL response. Apollo Server 5 merges `extensions.http` of every error
 * (thrown by a resolver or a plugin hook) into the response head and strips it from the
 * error sent to the client.
 */
export function toHttpGraphQLError(error: AppError, headers: Record<string, string> = {}) {
  return new GraphQLError(error.message, {
    extensions: {
      ...error.extensions,
      http: { status: error.status, headers: new HeaderMap(Object.entries(headers)) },
    },
  });
}
