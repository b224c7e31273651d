import type { EntityManager } from '@mikro-orm/knex';

import { AuditAction } from '../auth/audit-log.entity';
import type { AuditService } from '../auth/audit.service';
import { User } from '../auth/user.entity';
import { clock } from '../core/clock';
import { AppError } from '../core/errors';
import { Page, Paging, toPage } from '../core/paging';
import { ApiKey } from './api-key.entity';

/** A key with its owner, as admin queries return it. */
export interface OwnedApiKey {
  apiKey: ApiKey;
  owner: User;
}

export interface ApiKeyFilter {
  userId?: number | null;
  active?: boolean | null;
}

function notFound(id: number): AppError {
  return AppError.notFound(`Aucune clé API avec l'identifiant ${id}.`);
}

/** Admin view of every user's keys: list, detail, enable, disable and delete, all audited. */
export class ApiKeyAdminService {
  constructor(private readonly audit: AuditService) {}

  async list(em: EntityManager, filter: ApiKeyFilter, paging: Paging): Promise<Page<OwnedApiKey>> {
    const where: Record<string, unknown> = {};
    if (filter.userId) where.ownerId = filter.userId;
    if (filter.active !== undefined && filter.active !== null) where.active = filter.active;
    const [keys, total] = await em.findAndCount(ApiKey, where, {
      orderBy: { id: 'asc' },
      limit: paging.pageSize,
      offset: paging.offset,
    });
    return toPage(await withOwners(em, keys), total, paging);
  }

  async get(em: EntityManager, id: number): Promise<OwnedApiKey> {
    const apiKey = await em.findOne(ApiKey, id);
    if (!apiKey) throw notFound(id);
    const [owned] = await withOwners(em, [apiKey]);
    return owned;
  }

  /** Enables a key an admin disabled; a key its owner revoked stays revoked (CONFLICT). */
  async enable(em: EntityManager, actorId: number, id: number): Promise<OwnedApiKey> {
    const owned = await this.get(em, id);
    const { apiKey } = owned;
    if (apiKey.revokedAt) {
      throw AppError.conflict(
        `La clé ${apiKey.prefix}… a été révoquée par son propriétaire : elle ne peut pas être réactivée.`,
      );
    }
    apiKey.active = true;
    apiKey.disabledAt = null;
    this.record(em, actorId, AuditAction.API_KEY_ENABLED, apiKey);
    await em.flush();
    return owned;
  }

  /** Disables a key; requests with it fail from the next one. */
  async disable(em: EntityManager, actorId: number, id: number): Promise<OwnedApiKey> {
    const owned = await this.get(em, id);
    owned.apiKey.active = false;
    owned.apiKey.disabledAt ??= clock.now();
    this.record(em, actorId, AuditAction.API_KEY_DISABLED, owned.apiKey);
    await em.flush();
    return owned;
  }

  async remove(em: EntityManager, actorId: number, id: number): Promise<boolean> {
    const { apiKey } = await this.get(em, id);
    this.record(em, actorId, AuditAction.API_KEY_DELETED, apiKey);
    em.remove(apiKey);
    await em.flush();
    return true;
  }

  private record(em: EntityManager, actorId: number, action: AuditAction, apiKey: ApiKey) {
    this.audit.record(em, {
      actorId,
      action,
      targetUserId: apiKey.ownerId,
      apiKeyId: apiKey.id,
      details: { prefix: apiKey.prefix, name: apiKey.name },
    });
  }
}

/** Loads the owners of keys in one query. */
async function withOwners(em: EntityManager, keys: ApiKey[]): Promise<OwnedApiKey[]> {
  const ownerIds = [...new Set(keys.map((apiKey) => apiKey.ownerId))];
  const owners = await em.find(User, { id: { $in: ownerIds } });
  const byId = new Map(owners.map((owner) => [owner.id, owner]));
  return keys.map((apiKey) => ({ apiKey, owner: byId.get(apiKey.ownerId)! }));
}
