import { Arg, Args, Ctx, Directive, ID, Query, Resolver } from 'type-graphql';

import type { Access } from '../auth/access';
import { AppError } from '../core/errors';
import type { GraphQLContext } from '../http/context';
import { Feature } from '../packs/pack.catalog';
import { SearchPage, Visibility } from './medicament.service';
import { MedicamentPageType, MedicamentsArgs, MedicamentType } from './medicament.types';
import type { MedicamentRecord } from './medicament.columns';
import { HealthType, NomenclatureVersionType } from './version.types';

/** What a caller may see of the medicaments. */
export function visibilityOf(access: Access): Visibility {
  return { showRetraits: access.features.has(Feature.RETRAITS), isAdmin: access.isAdmin };
}

/** Reads a GraphQL `ID` as a row id; BAD_USER_INPUT when it is not a positive integer. */
export function parseId(id: string): number {
  const value = /^\d+$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(value) || value < 1)
    throw AppError.badInput(`Identifiant invalide : « ${id} ».`, { field: 'id' });
  return value;
}

@Resolver(() => MedicamentType)
export class MedicamentResolver {
  @Directive('@requiresFeature(feature: SEARCH)')
  @Query(() => MedicamentPageType, {
    description:
      'Recherche paginée dans une version (la dernière par défaut), meilleure correspondance en premier.',
  })
  medicaments(@Args() args: MedicamentsArgs, @Ctx() context: GraphQLContext): Promise<SearchPage> {
    const { version, ...criteria } = args.filter ?? {};
    return context.services.medicaments.search(
      context.em,
      { criteria, version, sort: args.sort, page: args.page, pageSize: args.pageSize },
      visibilityOf(context.access),
    );
  }

  @Directive('@requiresFeature(feature: SEARCH)')
  @Query(() => MedicamentType, { description: 'Un médicament par identifiant.' })
  medicament(
    @Arg('id', () => ID) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<MedicamentRecord> {
    return context.services.medicaments.findById(
      context.em,
      parseId(id),
      visibilityOf(context.access),
    );
  }

  @Directive('@authenticated')
  @Query(() => [NomenclatureVersionType], {
    description: 'Versions publiées, la plus récente en premier.',
  })
  async versions(@Ctx() context: GraphQLContext): Promise<NomenclatureVersionType[]> {
    const versions = await context.services.versions.list(context.em);
    return versions.map((version, index) => ({ ...version, latest: index === 0 }));
  }

  @Directive('@public')
  @Query(() => HealthType, { description: 'État du service et de la version courante.' })
  health(@Ctx() context: GraphQLContext): Promise<HealthType> {
    return context.services.health.report(context.em);
  }
}
