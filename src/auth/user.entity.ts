import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

import { PackCode } from '../packs/pack.catalog';

export enum Role {
  ADMIN = 'ADMIN',
  LECTEUR = 'LECTEUR',
}

export enum UserStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  REJECTED = 'REJECTED',
  DISABLED = 'DISABLED',
  DELETED = 'DELETED',
}

/** An account. Role and status are read from here on every request, never from a token. */
@Entity({ tableName: 'app_user' })
export class User {
  [OptionalProps]?:
    'role' | 'pack' | 'status' | 'tokenVersion' | 'createdAt' | 'updatedAt' | 'deletedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** Lower-cased and trimmed, unique. */
  @Property({ type: 'string', length: 320, unique: true })
  email!: string;

  /** argon2id hash in PHC string format. */
  @Property({ type: 'text', hidden: true })
  passwordHash!: string;

  @Property({ type: 'text', nullable: true })
  fullName: string | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  phone: string | null = null;

  @Property({ type: 'text', nullable: true })
  organisation: string | null = null;

  @Enum({ items: () => Role, type: 'string', length: 16 })
  role: Role = Role.LECTEUR;

  @Enum({ items: () => PackCode, type: 'string', length: 16 })
  pack: PackCode = PackCode.FREE;

  @Enum({ items: () => UserStatus, type: 'string', length: 16 })
  status: UserStatus = UserStatus.PENDING;

  @Property({ type: 'datetime', nullable: true })
  passwordChangedAt: Date | null = null;

  /** Carried by access tokens; a password change increments it, which voids older tokens. */
  @Property({ type: 'integer' })
  tokenVersion = 0;

  @Property({ type: 'datetime', nullable: true })
  lastLoginAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  rejectionReason: string | null = null;

  /** When the owner deleted the account; its personal data was anonymised then. */
  @Property({ type: 'datetime', nullable: true })
  deletedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
