import { Arg, Ctx, Directive, Mutation, Query, Resolver } from 'type-graphql';

import { callerId } from '../auth/caller';
import type { GraphQLContext } from '../http/context';
import { Categorie } from '../import/workbook.types';
import {
  CleanDuplicatesResultType,
  DuplicateReportType,
  toDuplicateGroupType,
} from './duplicates.types';

const VERSION_DESCRIPTION = 'Version (AAAA-MM-JJ) ; la dernière par défaut.';
const CATEGORIE_DESCRIPTION = 'Chercher dans une seule feuille ; toutes par défaut.';

@Resolver()
export class DuplicatesResolver {
  @Directive('@requiresRole(role: ADMIN)')
  @Query(() => DuplicateReportType, {
    description:
      "Lignes d'une version qui répètent le même numéro d'enregistrement et la même présentation, avec ce qui les distingue.",
  })
  async duplicates(
    @Arg('version', () => String, { nullable: true, description: VERSION_DESCRIPTION })
    version: string | null,
    @Arg('categorie', () => Categorie, { nullable: true, description: CATEGORIE_DESCRIPTION })
    categorie: Categorie | null,
    @Ctx() context: GraphQLContext,
  ): Promise<DuplicateReportType> {
    const report = await context.services.duplicates.find(context.em, { version, categorie });
    return {
      version: report.version,
      groupCount: report.groups.length,
      extraRowCount: report.groups.reduce((sum, group) => sum + group.rows.length - 1, 0),
      groups: report.groups.map(toDuplicateGroupType),
    };
  }

  @Directive('@requiresRole(role: ADMIN)')
  @Mutation(() => CleanDuplicatesResultType, {
    description:
      "Garde la première ligne (dans l'ordre des feuilles) de chaque groupe de doublons et supprime logiquement les autres ; dryRun (par défaut) ne fait que les lister.",
  })
  async cleanDuplicates(
    @Arg('version', () => String, { nullable: true, description: VERSION_DESCRIPTION })
    version: string | null,
    @Arg('dryRun', () => Boolean, { defaultValue: true }) dryRun: boolean,
    @Arg('categorie', () => Categorie, { nullable: true, description: CATEGORIE_DESCRIPTION })
    categorie: Categorie | null,
    @Ctx() context: GraphQLContext,
  ): Promise<CleanDuplicatesResultType> {
    const result = await context.services.duplicates.clean(
      context.em,
      { version, categorie, dryRun },
      { userId: callerId(context) },
    );
    return { ...result, removedCount: result.removed.length };
  }
}
