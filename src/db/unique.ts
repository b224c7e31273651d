import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';

import { AppError } from '../core/errors';

/**
 * Flushes and turns a unique constraint violation into CONFLICT with a French message.
 * MikroORM raises the same exception class on SQLite and PostgreSQL.
 */
export async function flushOrConflict(em: EntityManager, message: string): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw AppError.conflict(message);
    throw error;
  }
}
