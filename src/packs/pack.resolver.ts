import { Ctx, Directive, Query, Resolver } from 'type-graphql';

import { callerPrincipal } from '../auth/caller';
import type { GraphQLContext } from '../http/context';
import { PackDefinition, PACKS } from './pack.catalog';
import type { UsageReport } from './quota.service';
import { PackType, UsageType } from './pack.types';

function toPackType(pack: PackDefinition): PackType {
  return { ...pack, features: [...pack.features] };
}

@Resolver()
export class PackResolver {
  @Directive('@public')
  @Query(() => [PackType], { description: 'Catalogue des packs.' })
  packs(): PackType[] {
    return Object.values(PACKS).map(toPackType);
  }

  @Directive('@authenticated')
  @Query(() => PackType, { description: 'Le pack du compte connecté.' })
  myPack(@Ctx() context: GraphQLContext): PackType {
    return toPackType(PACKS[callerPrincipal(context).pack]);
  }

  @Directive('@authenticated')
  @Query(() => UsageType, {
    description: 'Mes requêtes du jour et du mois, et les limites de mon pack.',
  })
  myUsage(@Ctx() context: GraphQLContext): Promise<UsageReport> {
    const { userId, role, pack } = callerPrincipal(context);
    return context.services.quotas.usageOf(userId, role, pack);
  }
}
