import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

import { UserType } from '../auth/auth.types';
import type { User } from '../auth/user.entity';
import type { Page } from '../core/paging';
import type { OwnedApiKey } from './api-key.admin.service';
import type { ApiKey } from './api-key.entity';
import { PageOf } from '../http/page.type';

export enum ApiKeyStatus {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
  DISABLED = 'DISABLED',
}

registerEnumType(ApiKeyStatus, {
  name: 'ApiKeyStatus',
  description: 'État d’une clé : active, révoquée par son propriétaire ou désactivée par un admin.',
});

@ObjectType('ApiKey', {
  description: 'Une clé API ; le secret n’est jamais renvoyé après sa création.',
})
export class ApiKeyType {
  @Field(() => ID)
  id!: number;

  @Field()
  name!: string;

  @Field({ description: 'Début visible de la clé (« npp_ » et 8 caractères).' })
  prefix!: string;

  @Field()
  active!: boolean;

  @Field(() => ApiKeyStatus)
  status!: ApiKeyStatus;

  @Field()
  createdAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'Dernière utilisation ; enregistrée par lots, avec quelques secondes de retard.',
  })
  lastUsedAt!: Date | null;

  @Field(() => Int, { description: 'Nombre de requêtes faites avec la clé (par lots).' })
  useCount!: number;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  disabledAt!: Date | null;
}

@ObjectType('CreatedApiKey', { description: 'Une clé qui vient d’être créée, avec son secret.' })
export class CreatedApiKeyType {
  @Field({ description: 'Le secret, affiché cette seule fois : conservez-le en lieu sûr.' })
  key!: string;

  @Field(() => ApiKeyType)
  apiKey!: ApiKeyType;
}

@ObjectType('AdminApiKey', { description: 'Une clé API et son propriétaire (administration).' })
export class AdminApiKeyType extends ApiKeyType {
  @Field(() => UserType)
  owner!: User;
}

@ObjectType('AdminApiKeyPage', { description: 'Une page de clés API.' })
export class AdminApiKeyPageType extends PageOf(AdminApiKeyType) {}

@InputType('ApiKeyFilter', { description: 'Filtres de la liste des clés API.' })
export class ApiKeyFilterInput {
  @Field(() => ID, { nullable: true, description: 'Propriétaire.' })
  userId?: string | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;
}

function statusOf(apiKey: ApiKey): ApiKeyStatus {
  if (apiKey.revokedAt) return ApiKeyStatus.REVOKED;
  return apiKey.active ? ApiKeyStatus.ACTIVE : ApiKeyStatus.DISABLED;
}

/** Shapes a key for GraphQL. */
export function toApiKeyType(apiKey: ApiKey): ApiKeyType {
  return {
    id: apiKey.id,
    name: apiKey.name,
    prefix: apiKey.prefix,
    active: apiKey.active,
    status: statusOf(apiKey),
    createdAt: apiKey.createdAt,
    lastUsedAt: apiKey.lastUsedAt,
    useCount: apiKey.useCount,
    revokedAt: apiKey.revokedAt,
    disabledAt: apiKey.disabledAt,
  };
}

/** Shapes a key and its owner for admin queries. */
export function toAdminApiKeyType({ apiKey, owner }: OwnedApiKey): AdminApiKeyType {
  return { ...toApiKeyType(apiKey), owner };
}

export function toAdminApiKeyPage(page: Page<OwnedApiKey>): AdminApiKeyPageType {
  return { ...page, items: page.items.map(toAdminApiKeyType) };
}
