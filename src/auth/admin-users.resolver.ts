import { Arg, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';

import { toApiKeyType } from '../api-keys/api-key.types';
import { parseId, resolvePaging } from '../core/paging';
import type { GraphQLContext } from '../http/context';
import { PackCode } from '../packs/pack.catalog';
import type { AdminStats } from './admin-users.queries';
import {
  AdminStatsType,
  AuditLogFilterInput,
  AuditLogPageType,
  CreateUserInput,
  UpdateUserInput,
  UserDetailType,
  UserFilterInput,
  UserPageType,
} from './admin-users.types';
import { UserType } from './auth.types';
import { callerId } from './caller';
import type { User } from './user.entity';

const ADMIN = '@requiresRole(role: ADMIN)';

function optionalId(id: string | null | undefined, field: string): number | null {
  return id ? parseId(id, field) : null;
}

@Resolver()
export class AdminUserResolver {
  @Directive(ADMIN)
  @Query(() => UserPageType, { description: 'Utilisateurs, filtrés par pack, état ou rôle.' })
  users(
    @Arg('filter', () => UserFilterInput, { nullable: true }) filter: UserFilterInput | null,
    @Arg('page', () => Int, { nullable: true, defaultValue: 1 }) page: number,
    @Arg('pageSize', () => Int, { nullable: true, defaultValue: 50 }) pageSize: number,
    @Ctx() context: GraphQLContext,
  ): Promise<UserPageType> {
    const paging = resolvePaging(page, pageSize);
    return context.services.adminUserQueries.list(context.em, filter ?? {}, paging);
  }

  @Directive(ADMIN)
  @Query(() => UserPageType, {
    description: 'Demandes de compte en attente, les plus anciennes en premier.',
  })
  pendingUsers(
    @Arg('page', () => Int, { nullable: true, defaultValue: 1 }) page: number,
    @Arg('pageSize', () => Int, { nullable: true, defaultValue: 50 }) pageSize: number,
    @Ctx() context: GraphQLContext,
  ): Promise<UserPageType> {
    const paging = resolvePaging(page, pageSize);
    return context.services.adminUserQueries.pending(context.em, paging);
  }

  @Directive(ADMIN)
  @Query(() => UserDetailType, { description: 'Un utilisateur, ses clés API et sa consommation.' })
  async user(
    @Arg('id', () => ID) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<UserDetailType> {
    const detail = await context.services.adminUserQueries.detail(context.em, parseId(id));
    return { ...detail, apiKeys: detail.apiKeys.map(toApiKeyType) };
  }

  @Directive(ADMIN)
  @Query(() => AdminStatsType, { description: 'Comptes par pack et par état, requêtes du jour.' })
  adminStats(@Ctx() context: GraphQLContext): Promise<AdminStats> {
    return context.services.adminUserQueries.stats(context.em);
  }

  @Directive(ADMIN)
  @Query(() => AuditLogPageType, {
    description: "Journal des actions d'administration, récentes d'abord.",
  })
  auditLogs(
    @Arg('filter', () => AuditLogFilterInput, { nullable: true })
    filter: AuditLogFilterInput | null,
    @Arg('page', () => Int, { nullable: true, defaultValue: 1 }) page: number,
    @Arg('pageSize', () => Int, { nullable: true, defaultValue: 50 }) pageSize: number,
    @Ctx() context: GraphQLContext,
  ): Promise<AuditLogPageType> {
    const criteria = {
      actorId: optionalId(filter?.actorId, 'actorId'),
      targetUserId: optionalId(filter?.targetUserId, 'targetUserId'),
      action: filter?.action,
    };
    return context.services.audit.list(context.em, criteria, resolvePaging(page, pageSize));
  }

  @Directive(ADMIN)
  @Mutation(() => UserType, { description: 'Crée un compte actif aussitôt.' })
  createUser(@Arg('input') input: CreateUserInput, @Ctx() context: GraphQLContext): Promise<User> {
    return context.services.adminUsers.create(context.em, callerId(context), input);
  }

  @Directive(ADMIN)
  @Mutation(() => UserType, { description: 'Modifie le rôle, le pack, l’état ou le profil.' })
  updateUser(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateUserInput,
    @Ctx() context: GraphQLContext,
  ): Promise<User> {
    const { em, services } = context;
    return services.adminUsers.update(em, callerId(context), parseId(id), input);
  }

  @Directive(ADMIN)
  @Mutation(() => UserType, { description: 'Valide une demande de compte.' })
  approveUser(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<User> {
    return context.services.adminUsers.approve(context.em, callerId(context), parseId(id));
  }

  @Directive(ADMIN)
  @Mutation(() => UserType, { description: 'Refuse une demande de compte, avec un motif.' })
  rejectUser(
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
    @Ctx() context: GraphQLContext,
  ): Promise<User> {
    const { em, services } = context;
    return services.adminUsers.reject(em, callerId(context), parseId(id), reason);
  }

  @Directive(ADMIN)
  @Mutation(() => UserType, { description: 'Change le pack d’un utilisateur.' })
  changeUserPack(
    @Arg('id', () => ID) id: string,
    @Arg('pack', () => PackCode) pack: PackCode,
    @Ctx() context: GraphQLContext,
  ): Promise<User> {
    const { em, services } = context;
    return services.adminUsers.changePack(em, callerId(context), parseId(id), pack);
  }

  @Directive(ADMIN)
  @Mutation(() => UserType, { description: 'Désactive un compte (réversible par updateUser).' })
  deactivateUser(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<User> {
    return context.services.adminUsers.deactivate(context.em, callerId(context), parseId(id));
  }

  @Directive(ADMIN)
  @Mutation(() => UserType, {
    description: 'Remplace le mot de passe par un mot de passe temporaire envoyé par email.',
  })
  resetUserPassword(
    @Arg('id', () => ID) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<User> {
    return context.services.adminUsers.resetPassword(context.em, callerId(context), parseId(id));
  }
}
