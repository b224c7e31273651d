import { ApiKey } from '../api-keys/api-key.entity';
import { AuditLog } from '../auth/audit-log.entity';
import { RateLimitBucket } from '../auth/rate-limit-bucket.entity';
import { User } from '../auth/user.entity';
import { ImportLog } from '../import/import-log.entity';
import { MailOutbox } from '../mail/mail-outbox.entity';
import { Medicament } from '../medicaments/medicament.entity';
import { UsageCounter } from '../packs/usage-counter.entity';

/** Every entity class; the one list shared by the app, the CLI and `mikro-orm.config.ts`. */
export const ENTITIES = [
  Medicament,
  ImportLog,
  User,
  ApiKey,
  UsageCounter,
  AuditLog,
  MailOutbox,
  RateLimitBucket,
];
