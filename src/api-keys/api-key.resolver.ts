import { Arg, Ctx, Directive, ID, Mutation, Query, Resolver } from 'type-graphql';

import { callerId } from '../auth/caller';
import { parseId } from '../core/paging';
import type { GraphQLContext } from '../http/context';
import { ApiKeyType, CreatedApiKeyType, toApiKeyType } from './api-key.types';

@Resolver()
export class ApiKeyResolver {
  @Directive('@authenticated')
  @Query(() => [ApiKeyType], { description: 'Mes clés API, révoquées comprises.' })
  async myApiKeys(@Ctx() context: GraphQLContext): Promise<ApiKeyType[]> {
    const keys = await context.services.apiKeys.listOwn(context.em, callerId(context));
    return keys.map(toApiKeyType);
  }

  @Directive('@authenticated')
  @Mutation(() => CreatedApiKeyType, {
    description:
      'Crée une clé API (à envoyer dans l’en-tête X-API-Key). Le secret n’est affiché qu’ici ; le nombre de clés actives dépend du pack.',
  })
  async createApiKey(
    @Arg('name', { description: 'Nom pour reconnaître la clé.' }) name: string,
    @Ctx() context: GraphQLContext,
  ): Promise<CreatedApiKeyType> {
    const created = await context.services.apiKeys.create(context.em, callerId(context), name);
    return { key: created.key, apiKey: toApiKeyType(created.apiKey) };
  }

  @Directive('@authenticated')
  @Mutation(() => ApiKeyType, { description: 'Révoque définitivement une de mes clés.' })
  async revokeApiKey(
    @Arg('id', () => ID) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<ApiKeyType> {
    const apiKey = await context.services.apiKeys.revoke(
      context.em,
      callerId(context),
      parseId(id),
    );
    return toApiKeyType(apiKey);
  }
}
