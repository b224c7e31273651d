import { Arg, Ctx, Directive, Query, Resolver } from 'type-graphql';

import type { GraphQLContext } from '../http/context';
import {
  HistoriqueType,
  NomenclatureDiffType,
  toDiffType,
  toHistoriqueVersionType,
} from './diff.types';
import { visibilityOf } from './medicament.resolver';

/**
 * Version comparison. Open to every signed-in caller like `versions`; withdrawn rows
 * follow the RETRAITS visibility, as in every other result.
 */
@Resolver()
export class DiffResolver {
  @Directive('@authenticated')
  @Query(() => NomenclatureDiffType, {
    description:
      'Lignes ajoutées, supprimées, modifiées et changées de catégorie entre deux versions publiées.',
  })
  async nomenclatureDiff(
    @Arg('from', { description: 'Version de départ (AAAA-MM-JJ).' }) from: string,
    @Arg('to', { description: "Version d'arrivée (AAAA-MM-JJ)." }) to: string,
    @Ctx() context: GraphQLContext,
  ): Promise<NomenclatureDiffType> {
    const diff = await context.services.diff.diff(
      context.em,
      from,
      to,
      visibilityOf(context.access),
    );
    return toDiffType(diff);
  }

  @Directive('@authenticated')
  @Query(() => HistoriqueType, {
    description:
      "L'état d'un numéro d'enregistrement dans chaque version publiée (sans accents, casse ni ponctuation).",
  })
  async historique(
    @Arg('numEnregistrement') numEnregistrement: string,
    @Ctx() context: GraphQLContext,
  ): Promise<HistoriqueType> {
    const entries = await context.services.diff.history(
      context.em,
      numEnregistrement,
      visibilityOf(context.access),
    );
    return { numEnregistrement, versions: entries.map(toHistoriqueVersionType) };
  }
}
