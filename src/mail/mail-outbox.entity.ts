import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export enum MailStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}

/**
 * A message waiting to be sent to a user, in French. Account events (approval, rejection,
 * password reset) write here in the same transaction as the change, so a message exists
 * exactly when the change happened; a sender picks up PENDING rows.
 */
@Entity({ tableName: 'mail_outbox' })
@Index({ properties: ['status', 'createdAt'] })
export class MailOutbox {
  [OptionalProps]?: 'status' | 'attempts' | 'createdAt' | 'sentAt' | 'lastError' | 'userId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The user the message is about, so that deleting the account can delete its messages. */
  @Index()
  @Property({ type: 'integer', nullable: true })
  userId: number | null = null;

  @Property({ type: 'string', length: 320 })
  recipient!: string;

  /** Stable name of the message kind, such as `password-reset`. */
  @Property({ type: 'string', length: 64 })
  template!: string;

  @Property({ type: 'text' })
  subject!: string;

  /** Plain-text body. */
  @Property({ type: 'text' })
  body!: string;

  @Enum({ items: () => MailStatus, type: 'string', length: 16 })
  status: MailStatus = MailStatus.PENDING;

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  sentAt: Date | null = null;
}
