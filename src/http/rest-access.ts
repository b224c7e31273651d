import type { Middleware } from 'koa';

import { AppError, ForbiddenReason } from '../core/errors';
import type { RequestState } from './context';

/** REST guard: any signed-in user or key. */
export const requireAuthenticated: Middleware = async (ctx, next) => {
  const { access } = ctx.state as RequestState;
  if (!access.principal) throw access.authError ?? AppError.unauthenticated();
  await next();
};

/** REST guard: admins only. */
export const requireAdmin: Middleware = async (ctx, next) => {
  const { access } = ctx.state as RequestState;
  if (!access.principal) throw access.authError ?? AppError.unauthenticated();
  if (!access.isAdmin)
    throw AppError.forbidden(ForbiddenReason.ROLE, 'Action réservée aux administrateurs.', {
      role: 'ADMIN',
    });
  await next();
};
