import { ApiKeyAdminService } from '../api-keys/api-key.admin.service';
import { ApiKeyService } from '../api-keys/api-key.service';
import { ApiKeyUsageRecorder } from '../api-keys/api-key.usage';
import { AccountService } from '../auth/account.service';
import { AdminUserQueries } from '../auth/admin-users.queries';
import { AdminUserService } from '../auth/admin-users.service';
import { AuditService } from '../auth/audit.service';
import type { AuthService } from '../auth/auth.service';
import type { CredentialCache } from '../auth/credential-cache';
import type { AppConfig } from '../core/config';
import type { Logger } from '../core/logger';
import type { Orm } from '../db/orm';
import { QuotaService } from '../packs/quota.service';
import { UsageBuffer } from '../packs/usage-buffer';

/** Services of accounts, API keys, quotas and the audit trail. */
export interface AccountServices {
  apiKeys: ApiKeyService;
  apiKeyAdmin: ApiKeyAdminService;
  /** Buffered use counts of keys; started and stopped with the HTTP app. */
  apiKeyUsage: ApiKeyUsageRecorder;
  quotas: QuotaService;
  audit: AuditService;
  accounts: AccountService;
  adminUsers: AdminUserService;
  adminUserQueries: AdminUserQueries;
}

/** Wires the account services and lets `auth` resolve `X-API-Key` through them. */
export function createAccountServices(
  config: AppConfig,
  logger: Logger,
  orm: Orm,
  auth: AuthService,
  credentials: CredentialCache,
): AccountServices {
  const knex = orm.em.getKnex();
  const platform = orm.em.getPlatform();
  const apiKeyUsage = new ApiKeyUsageRecorder(
    knex,
    (date) => platform.processDateProperty(date),
    logger,
  );
  const apiKeys = new ApiKeyService(
    apiKeyUsage,
    config.database.kind === 'postgresql',
    credentials,
  );
  auth.apiKeys = apiKeys;
  const quotas = new QuotaService(knex, new UsageBuffer(knex, logger));
  const audit = new AuditService();
  return {
    apiKeys,
    apiKeyAdmin: new ApiKeyAdminService(audit),
    apiKeyUsage,
    quotas,
    audit,
    accounts: new AccountService(auth, apiKeys, logger),
    adminUsers: new AdminUserService(audit, logger),
    adminUserQueries: new AdminUserQueries(apiKeys, quotas),
  };
}
