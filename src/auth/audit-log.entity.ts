import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** Admin actions that leave an audit entry. */
export enum AuditAction {
  USER_CREATED = 'USER_CREATED',
  USER_UPDATED = 'USER_UPDATED',
  USER_APPROVED = 'USER_APPROVED',
  USER_REJECTED = 'USER_REJECTED',
  USER_PACK_CHANGED = 'USER_PACK_CHANGED',
  USER_DEACTIVATED = 'USER_DEACTIVATED',
  USER_PASSWORD_RESET = 'USER_PASSWORD_RESET',
  API_KEY_ENABLED = 'API_KEY_ENABLED',
  API_KEY_DISABLED = 'API_KEY_DISABLED',
  API_KEY_DELETED = 'API_KEY_DELETED',
  MEDICAMENT_CREATED = 'MEDICAMENT_CREATED',
  MEDICAMENT_UPDATED = 'MEDICAMENT_UPDATED',
  MEDICAMENT_DELETED = 'MEDICAMENT_DELETED',
  MEDICAMENT_RESTORED = 'MEDICAMENT_RESTORED',
  DUPLICATES_CLEANED = 'DUPLICATES_CLEANED',
}

/**
 * One admin action: who did what, on which user or key, and when. Users are referenced by
 * id only, so that anonymising a deleted account also anonymises its audit trail; `details`
 * holds changed values such as role, pack or status, never profile data or passwords.
 * Medicament actions put the version, the row ids and the changed fields in `details`.
 */
@Entity({ tableName: 'audit_log' })
@Index({ properties: ['targetUserId'] })
export class AuditLog {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  actorId!: number;

  @Enum({ items: () => AuditAction, type: 'string', length: 32 })
  action!: AuditAction;

  @Property({ type: 'integer', nullable: true })
  targetUserId: number | null = null;

  @Property({ type: 'integer', nullable: true })
  apiKeyId: number | null = null;

  @Property({ type: 'json', nullable: true })
  details: Record<string, unknown> | null = null;

  @Index()
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
