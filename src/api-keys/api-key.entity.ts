import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A machine credential of a user. Only the SHA-256 of the secret is stored; requests with
 * the key act as its owner. `active` is false once the owner revoked the key (`revokedAt`)
 * or an admin disabled it (`disabledAt`).
 *
 * `ownerId` is a plain column, not a foreign key to `app_user`, for the reason given on
 * `UsageCounter`: the SQLite schema update rebuilds `app_user` at every start.
 */
@Entity({ tableName: 'api_key' })
export class ApiKey {
  [OptionalProps]?: 'active' | 'useCount' | 'createdAt' | 'lastUsedAt' | 'revokedAt' | 'disabledAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'integer' })
  ownerId!: number;

  @Property({ type: 'string', length: 100 })
  name!: string;

  /** The first characters of the key (`npp_` and 8 more), shown so that owners can tell keys apart. */
  @Property({ type: 'string', length: 16 })
  prefix!: string;

  /** SHA-256 of the whole key, hex-encoded. */
  @Property({ type: 'string', length: 64, unique: true, hidden: true })
  keyHash!: string;

  @Property({ type: 'boolean' })
  active = true;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** Written in batches every few seconds, so it may lag behind the last request. */
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null = null;

  /** Written in batches every few seconds, like `lastUsedAt`. */
  @Property({ type: 'integer' })
  useCount = 0;

  /** When the owner revoked the key or deleted the account; a revoked key cannot come back. */
  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  /** When an admin disabled the key; an admin may enable it again. */
  @Property({ type: 'datetime', nullable: true })
  disabledAt: Date | null = null;
}
