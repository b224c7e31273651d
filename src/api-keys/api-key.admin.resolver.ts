import { Arg, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';

import { callerId } from '../auth/caller';
import { parseId, resolvePaging } from '../core/paging';
import type { GraphQLContext } from '../http/context';
import {
  AdminApiKeyPageType,
  AdminApiKeyType,
  ApiKeyFilterInput,
  toAdminApiKeyPage,
  toAdminApiKeyType,
} from './api-key.types';

const ADMIN = '@requiresRole(role: ADMIN)';

@Resolver()
export class ApiKeyAdminResolver {
  @Directive(ADMIN)
  @Query(() => AdminApiKeyPageType, { description: 'Clés API de tous les utilisateurs.' })
  async apiKeys(
    @Arg('filter', () => ApiKeyFilterInput, { nullable: true }) filter: ApiKeyFilterInput | null,
    @Arg('page', () => Int, { nullable: true, defaultValue: 1 }) page: number,
    @Arg('pageSize', () => Int, { nullable: true, defaultValue: 50 }) pageSize: number,
    @Ctx() context: GraphQLContext,
  ): Promise<AdminApiKeyPageType> {
    const userId = filter?.userId ? parseId(filter.userId, 'userId') : null;
    const result = await context.services.apiKeyAdmin.list(
      context.em,
      { userId, active: filter?.active },
      resolvePaging(page, pageSize),
    );
    return toAdminApiKeyPage(result);
  }

  @Directive(ADMIN)
  @Query(() => AdminApiKeyType, { description: 'Une clé API et son propriétaire.' })
  async apiKey(
    @Arg('id', () => ID) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<AdminApiKeyType> {
    return toAdminApiKeyType(await context.services.apiKeyAdmin.get(context.em, parseId(id)));
  }

  @Directive(ADMIN)
  @Mutation(() => AdminApiKeyType, { description: 'Réactive une clé désactivée par un admin.' })
  async enableApiKey(
    @Arg('id', () => ID) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<AdminApiKeyType> {
    const { em, services } = context;
    return toAdminApiKeyType(await services.apiKeyAdmin.enable(em, callerId(context), parseId(id)));
  }

  @Directive(ADMIN)
  @Mutation(() => AdminApiKeyType, { description: 'Désactive une clé ; elle échoue aussitôt.' })
  async disableApiKey(
    @Arg('id', () => ID) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<AdminApiKeyType> {
    const { em, services } = context;
    return toAdminApiKeyType(
      await services.apiKeyAdmin.disable(em, callerId(context), parseId(id)),
    );
  }

  @Directive(ADMIN)
  @Mutation(() => Boolean, { description: 'Supprime une clé API.' })
  deleteApiKey(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<boolean> {
    return context.services.apiKeyAdmin.remove(context.em, callerId(context), parseId(id));
  }
}
