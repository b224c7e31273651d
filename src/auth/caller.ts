import { AppError } from '../core/errors';
import type { GraphQLContext } from '../http/context';
import type { Principal } from './access';

/**
 * The signed-in caller. Resolvers behind an access directive always have one; the check
 * keeps the types honest.
 */
export function callerPrincipal(context: Pick<GraphQLContext, 'access'>): Principal {
  const principal = context.access.principal;
  if (!principal) throw context.access.authError ?? AppError.unauthenticated();
  return principal;
}

/** The id of the signed-in caller. */
export function callerId(context: Pick<GraphQLContext, 'access'>): number {
  return callerPrincipal(context).userId;
}
