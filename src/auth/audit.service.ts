import type { EntityManager } from '@mikro-orm/knex';

import { clock } from '../core/clock';
import { Page, Paging, toPage } from '../core/paging';
import { AuditAction, AuditLog } from './audit-log.entity';
import { User } from './user.entity';

/** What an admin did; the actor is the signed-in admin. */
export interface AuditEntry {
  actorId: number;
  action: AuditAction;
  targetUserId?: number | null;
  apiKeyId?: number | null;
  details?: Record<string, unknown> | null;
}

export interface AuditFilter {
  actorId?: number | null;
  targetUserId?: number | null;
  action?: AuditAction | null;
}

/** An audit entry with the current emails of its actor and target. */
export interface AuditLogView extends AuditLog {
  actorEmail: string | null;
  targetEmail: string | null;
}

/** Records admin actions and lists them, newest first. */
export class AuditService {
  /** Adds an entry to the unit of work of `em`, so it is written with the change it describes. */
  record(em: EntityManager, entry: AuditEntry): AuditLog {
    const log = em.create(AuditLog, {
      actorId: entry.actorId,
      action: entry.action,
      targetUserId: entry.targetUserId ?? null,
      apiKeyId: entry.apiKeyId ?? null,
      details: entry.details ?? null,
      createdAt: clock.now(),
    });
    em.persist(log);
    return log;
  }

  async list(em: EntityManager, filter: AuditFilter, paging: Paging): Promise<Page<AuditLogView>> {
    const where: Record<string, unknown> = {};
    if (filter.actorId) where.actorId = filter.actorId;
    if (filter.targetUserId) where.targetUserId = filter.targetUserId;
    if (filter.action) where.action = filter.action;
    const [logs, total] = await em.findAndCount(AuditLog, where, {
      orderBy: { id: 'desc' },
      limit: paging.pageSize,
      offset: paging.offset,
    });
    return toPage(await this.withEmails(em, logs), total, paging);
  }

  private async withEmails(em: EntityManager, logs: AuditLog[]): Promise<AuditLogView[]> {
    const ids = new Set<number>();
    for (const log of logs) {
      ids.add(log.actorId);
      if (log.targetUserId) ids.add(log.targetUserId);
    }
    const users = await em.find(User, { id: { $in: [...ids] } }, { fields: ['id', 'email'] });
    const emails = new Map(users.map((user) => [user.id, user.email]));
    return logs.map((log) =>
      Object.assign(log, {
        actorEmail: emails.get(log.actorId) ?? null,
        targetEmail: log.targetUserId ? (emails.get(log.targetUserId) ?? null) : null,
      }),
    );
  }
}
