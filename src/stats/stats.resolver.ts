import { Arg, Args, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';

import { AppError } from '../core/errors';
import type { GraphQLContext } from '../http/context';
import { visibilityOf } from '../medicaments/medicament.resolver';
import type { MedicamentFilterInput } from '../medicaments/medicament.types';
import { Dimension, limitBreakdown, LimitedBreakdown } from './breakdown';
import type { CategoryTotals } from './stats.query';
import {
  CategoryTotalsType,
  StatBreakdownType,
  StatistiquesArgs,
  StatistiquesType,
} from './stats.types';

const EMPTY_TOTALS: CategoryTotals = {
  total: 0,
  nomenclature: 0,
  nonRenouvele: 0,
  retrait: 0,
  withdrawnHidden: 0,
};

const LIMIT_DESCRIPTION = 'Nombre de valeurs listées ; les suivantes sont sommées dans « autres ».';

/** Picks the version to read: the argument, else the filter's. When both are given, they must agree. */
function requestedVersion(
  version: string | null | undefined,
  filter: MedicamentFilterInput | null | undefined,
): string | null {
  const fromFilter = filter?.version ?? null;
  if (version && fromFilter && version !== fromFilter) {
    throw AppError.badInput(
      `Versions contradictoires : « ${version} » en argument et « ${fromFilter} » dans le filtre.`,
      { field: 'version' },
    );
  }
  return version ?? fromFilter;
}

@Resolver(() => StatistiquesType)
export class StatsResolver {
  @Directive('@requiresFeature(feature: STATS)')
  @Query(() => StatistiquesType, {
    description:
      "Totaux par catégorie et répartitions (type, pays, laboratoire, liste, statut, forme) d'une version, avec les filtres de `medicaments`.",
  })
  async statistiques(
    @Args() args: StatistiquesArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<StatistiquesType> {
    const { version: _version, ...criteria } = args.filter ?? {};
    const scope = await context.services.stats.scope(
      context.em,
      { version: requestedVersion(args.version, args.filter), criteria },
      visibilityOf(context.access),
    );
    return { version: scope?.version ?? null, scope };
  }

  @FieldResolver(() => CategoryTotalsType, { description: 'Lignes par catégorie.' })
  async totals(
    @Root() root: StatistiquesType,
    @Ctx() context: GraphQLContext,
  ): Promise<CategoryTotals> {
    if (!root.scope) return EMPTY_TOTALS;
    return context.services.stats.categories(context.em, root.scope);
  }

  @FieldResolver(() => StatBreakdownType, { description: 'Par type (GE, RE, BIO).' })
  byTypeMedicament(
    @Root() root: StatistiquesType,
    @Arg('limit', () => Int, { nullable: true, description: LIMIT_DESCRIPTION }) limit: number,
    @Ctx() context: GraphQLContext,
  ): Promise<LimitedBreakdown> {
    return this.breakdown(context, root, Dimension.TYPE_MEDICAMENT, limit);
  }

  @FieldResolver(() => StatBreakdownType, { description: 'Par liste (I, II, stupéfiants).' })
  byListe(
    @Root() root: StatistiquesType,
    @Arg('limit', () => Int, { nullable: true, description: LIMIT_DESCRIPTION }) limit: number,
    @Ctx() context: GraphQLContext,
  ): Promise<LimitedBreakdown> {
    return this.breakdown(context, root, Dimension.LISTE, limit);
  }

  @FieldResolver(() => StatBreakdownType, { description: 'Par statut (F, I).' })
  byStatut(
    @Root() root: StatistiquesType,
    @Arg('limit', () => Int, { nullable: true, description: LIMIT_DESCRIPTION }) limit: number,
    @Ctx() context: GraphQLContext,
  ): Promise<LimitedBreakdown> {
    return this.breakdown(context, root, Dimension.STATUT, limit);
  }

  @FieldResolver(() => StatBreakdownType, { description: 'Par pays du laboratoire.' })
  byPaysLaboratoire(
    @Root() root: StatistiquesType,
    @Arg('limit', () => Int, { nullable: true, description: LIMIT_DESCRIPTION }) limit: number,
    @Ctx() context: GraphQLContext,
  ): Promise<LimitedBreakdown> {
    return this.breakdown(context, root, Dimension.PAYS_LABORATOIRE, limit);
  }

  @FieldResolver(() => StatBreakdownType, { description: 'Par laboratoire.' })
  byLaboratoire(
    @Root() root: StatistiquesType,
    @Arg('limit', () => Int, { nullable: true, description: LIMIT_DESCRIPTION }) limit: number,
    @Ctx() context: GraphQLContext,
  ): Promise<LimitedBreakdown> {
    return this.breakdown(context, root, Dimension.LABORATOIRE, limit);
  }

  @FieldResolver(() => StatBreakdownType, { description: 'Par forme.' })
  byForme(
    @Root() root: StatistiquesType,
    @Arg('limit', () => Int, { nullable: true, description: LIMIT_DESCRIPTION }) limit: number,
    @Ctx() context: GraphQLContext,
  ): Promise<LimitedBreakdown> {
    return this.breakdown(context, root, Dimension.FORME, limit);
  }

  private async breakdown(
    context: GraphQLContext,
    root: StatistiquesType,
    dimension: Dimension,
    limit: number | null,
  ): Promise<LimitedBreakdown> {
    const full = root.scope
      ? await context.services.stats.breakdown(context.em, root.scope, dimension)
      : { distinct: 0, entries: [] };
    return limitBreakdown(full, limit);
  }
}
