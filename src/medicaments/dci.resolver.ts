import { Args, Ctx, Directive, Query, Resolver } from 'type-graphql';

import type { GraphQLContext } from '../http/context';
import type { DciView } from './dci.service';
import { DciViewType, MedicamentsParDciArgs } from './dci.types';
import { visibilityOf } from './medicament.resolver';

@Resolver()
export class DciResolver {
  @Directive('@requiresFeature(feature: DCI)')
  @Query(() => DciViewType, {
    description:
      "Toutes les présentations d'une DCI, groupées par dosage et forme, princeps (RE) et génériques (GE) distingués.",
  })
  medicamentsParDci(
    @Args() args: MedicamentsParDciArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<DciView> {
    return context.services.dci.byDci(context.em, args, visibilityOf(context.access));
  }
}
