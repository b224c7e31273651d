import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';

import type { GraphQLContext } from '../http/context';
import { SignupInput, UpdateMeInput } from './account.types';
import type { LoginResult } from './auth.service';
import { LoginPayloadType, UserType } from './auth.types';
import { callerId } from './caller';
import { RATE_LIMITS } from './rate-limit';
import type { User } from './user.entity';

@Resolver()
export class AccountResolver {
  @Directive('@public')
  @Directive(RATE_LIMITS.signupPerAddress)
  @Directive(RATE_LIMITS.signupPerEmail)
  @Mutation(() => UserType, {
    description:
      'Demande de compte : le compte reste en attente (PENDING) jusqu’à sa validation par un administrateur.',
  })
  signup(@Arg('input') input: SignupInput, @Ctx() context: GraphQLContext): Promise<User> {
    return context.services.accounts.signup(context.em, input);
  }

  @Directive('@authenticated')
  @Mutation(() => UserType, { description: 'Modifie mon profil.' })
  updateMe(@Arg('input') input: UpdateMeInput, @Ctx() context: GraphQLContext): Promise<User> {
    return context.services.accounts.updateMe(context.em, callerId(context), input);
  }

  @Directive('@authenticated')
  @Directive(RATE_LIMITS.passwordPerAddress)
  @Directive(RATE_LIMITS.passwordPerEmail)
  @Mutation(() => LoginPayloadType, {
    description:
      'Change mon mot de passe. Les jetons émis avant ne sont plus acceptés ; un nouveau jeton est renvoyé.',
  })
  changePassword(
    @Arg('currentPassword') currentPassword: string,
    @Arg('newPassword') newPassword: string,
    @Ctx() context: GraphQLContext,
  ): Promise<LoginResult> {
    const { accounts } = context.services;
    return accounts.changePassword(context.em, callerId(context), currentPassword, newPassword);
  }

  @Directive('@authenticated')
  @Directive(RATE_LIMITS.passwordPerAddress)
  @Directive(RATE_LIMITS.passwordPerEmail)
  @Mutation(() => Boolean, {
    description:
      'Supprime mon compte : clés révoquées et données personnelles anonymisées (loi 18-07). Irréversible.',
  })
  async deleteMyAccount(
    @Arg('password') password: string,
    @Ctx() context: GraphQLContext,
  ): Promise<boolean> {
    await context.services.accounts.deleteMyAccount(context.em, callerId(context), password);
    return true;
  }
}
