export { ApiKey } from './api-key.entity';
export { ApiKeyAdminService } from './api-key.admin.service';
export { ApiKeyAdminResolver } from './api-key.admin.resolver';
export { rejectApiKeyInQuery } from './api-key.middleware';
export { ApiKeyResolver } from './api-key.resolver';
export { ApiKeyService } from './api-key.service';
export { ApiKeyUsageRecorder } from './api-key.usage';
