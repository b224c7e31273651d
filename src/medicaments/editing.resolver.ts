import { Arg, Ctx, Directive, ID, Mutation, Resolver } from 'type-graphql';

import { callerId } from '../auth/caller';
import type { GraphQLContext } from '../http/context';
import { MedicamentInput, MedicamentUpdateInput } from './editing.types';
import type { MedicamentRecord } from './medicament.columns';
import { parseId } from './medicament.resolver';
import { MedicamentType } from './medicament.types';

/** Admin edits of the latest version; every change is audited and clears the caches. */
@Resolver()
export class EditingResolver {
  @Directive('@requiresRole(role: ADMIN)')
  @Mutation(() => MedicamentType, {
    description: 'Ajoute un médicament à la version courante.',
  })
  createMedicament(
    @Arg('input', () => MedicamentInput) input: MedicamentInput,
    @Ctx() context: GraphQLContext,
  ): Promise<MedicamentRecord> {
    return context.services.editing.create(context.em, input, { userId: callerId(context) });
  }

  @Directive('@requiresRole(role: ADMIN)')
  @Mutation(() => MedicamentType, {
    description: 'Modifie un médicament de la version courante (champs donnés seulement).',
  })
  updateMedicament(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => MedicamentUpdateInput) input: MedicamentUpdateInput,
    @Ctx() context: GraphQLContext,
  ): Promise<MedicamentRecord> {
    return context.services.editing.update(context.em, parseId(id), input, {
      userId: callerId(context),
    });
  }

  @Directive('@requiresRole(role: ADMIN)')
  @Mutation(() => MedicamentType, {
    description:
      'Supprime (logiquement) un médicament de la version courante : il disparaît des résultats sauf pour les administrateurs qui demandent includeDeleted.',
  })
  deleteMedicament(
    @Arg('id', () => ID) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<MedicamentRecord> {
    return context.services.editing.remove(context.em, parseId(id), { userId: callerId(context) });
  }

  @Directive('@requiresRole(role: ADMIN)')
  @Mutation(() => MedicamentType, { description: 'Restaure un médicament supprimé.' })
  restoreMedicament(
    @Arg('id', () => ID) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<MedicamentRecord> {
    return context.services.editing.restore(context.em, parseId(id), { userId: callerId(context) });
  }
}
