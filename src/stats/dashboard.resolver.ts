import { Arg, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';

import { AppError } from '../core/errors';
import type { GraphQLContext } from '../http/context';
import { toSheetType } from '../import/import.resolver';
import { DiffSummaryType } from '../medicaments/diff.types';
import { visibilityOf } from '../medicaments/medicament.resolver';
import { CategoryCountsType, NomenclatureVersionType } from '../medicaments/version.types';
import { Dimension } from './breakdown';
import { categoryCountsLoader } from './dashboard.loaders';
import type { DashboardRank } from './dashboard.service';
import { DashboardImportType, DashboardRankType, DashboardType } from './dashboard.types';
import { CategoryTotalsType } from './stats.types';

const DEFAULT_TOP = 10;
const MAX_TOP = 50;

function checkTopLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TOP) {
    throw AppError.badInput(
      `limit invalide (${limit}) : il doit être compris entre 1 et ${MAX_TOP}.`,
      {
        field: 'limit',
      },
    );
  }
  return limit;
}

/**
 * The `dashboard` root only resolves the version, and each field loads its own part. The
 * per-category counts of the top lists go through a DataLoader, so one query costs a fixed
 * number of SQL statements, and none when the parts are cached.
 */
@Resolver(() => DashboardType)
export class DashboardResolver {
  @Directive('@requiresFeature(feature: DASHBOARD)')
  @Query(() => DashboardType, { description: 'Tableau de bord, en une requête.' })
  dashboard(
    @Arg('version', () => String, {
      nullable: true,
      description: 'Version (AAAA-MM-JJ) ; la dernière par défaut.',
    })
    version: string | null,
    @Ctx() context: GraphQLContext,
  ): Promise<DashboardType> {
    return context.services.dashboard.root(context.em, version, visibilityOf(context.access));
  }

  @FieldResolver(() => CategoryTotalsType, { description: 'Lignes par catégorie.' })
  totals(@Root() root: DashboardType, @Ctx() context: GraphQLContext) {
    return context.services.dashboard.totals(context.em, root);
  }

  @FieldResolver(() => [DashboardRankType], {
    description: 'Laboratoires ayant le plus de lignes (10 par défaut, 50 au plus).',
  })
  topLaboratoires(
    @Root() root: DashboardType,
    @Arg('limit', () => Int, { defaultValue: DEFAULT_TOP }) limit: number,
    @Ctx() context: GraphQLContext,
  ): Promise<DashboardRank[]> {
    const top = checkTopLimit(limit);
    return context.services.dashboard.top(context.em, root, Dimension.LABORATOIRE, top);
  }

  @FieldResolver(() => [DashboardRankType], {
    description: 'Pays ayant le plus de lignes (10 par défaut, 50 au plus).',
  })
  topPays(
    @Root() root: DashboardType,
    @Arg('limit', () => Int, { defaultValue: DEFAULT_TOP }) limit: number,
    @Ctx() context: GraphQLContext,
  ): Promise<DashboardRank[]> {
    const top = checkTopLimit(limit);
    return context.services.dashboard.top(context.em, root, Dimension.PAYS_LABORATOIRE, top);
  }

  @FieldResolver(() => [NomenclatureVersionType], {
    description: 'Versions publiées et leurs totaux, la plus récente en premier.',
  })
  async versions(@Ctx() context: GraphQLContext): Promise<NomenclatureVersionType[]> {
    const versions = await context.services.dashboard.versionList(context.em);
    return versions.map((version, index) => ({ ...version, latest: index === 0 }));
  }

  @FieldResolver(() => DashboardImportType, { nullable: true })
  async lastImport(@Ctx() context: GraphQLContext): Promise<DashboardImportType | null> {
    const log = await context.services.dashboard.lastImport(context.em);
    if (!log) return null;
    const warningsByKind = Object.entries(log.warningsByKind).map(([kind, count]) => ({
      kind,
      count,
    }));
    return {
      ...log,
      startedAt: new Date(log.startedAt),
      finishedAt: log.finishedAt === null ? null : new Date(log.finishedAt),
      warningsByKind,
      sheets: log.sheets.map(toSheetType),
    };
  }

  @FieldResolver(() => DiffSummaryType, {
    nullable: true,
    description: 'Changements depuis la version publiée avant celle-ci ; vide pour la première.',
  })
  changes(@Root() root: DashboardType, @Ctx() context: GraphQLContext) {
    return context.services.dashboard.changes(context.em, root, visibilityOf(context.access));
  }
}

@Resolver(() => DashboardRankType)
export class DashboardRankResolver {
  @FieldResolver(() => CategoryCountsType, { description: 'Lignes par catégorie.' })
  byCategorie(@Root() rank: DashboardRank, @Ctx() context: GraphQLContext) {
    return categoryCountsLoader(context, rank.scope, rank.dimension).load(rank.value);
  }
}
