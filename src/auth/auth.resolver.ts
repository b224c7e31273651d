import { Arg, Ctx, Directive, Mutation, Query, Resolver } from 'type-graphql';

import { AppError } from '../core/errors';
import type { GraphQLContext } from '../http/context';
import { LoginResult } from './auth.service';
import { LoginPayloadType, UserType } from './auth.types';
import { RATE_LIMITS } from './rate-limit';
import { User } from './user.entity';

@Resolver()
export class AuthResolver {
  @Directive('@public')
  @Directive(RATE_LIMITS.loginPerAddress)
  @Directive(RATE_LIMITS.loginPerEmail)
  @Mutation(() => LoginPayloadType, {
    description: 'Connexion par email et mot de passe ; renvoie un jeton valable 30 minutes.',
  })
  login(
    @Arg('email') email: string,
    @Arg('password') password: string,
    @Ctx() context: GraphQLContext,
  ): Promise<LoginResult> {
    return context.services.auth.login(context.em, email, password);
  }

  @Directive('@authenticated')
  @Query(() => UserType, { description: 'Le compte connecté.' })
  async me(@Ctx() context: GraphQLContext): Promise<User> {
    const userId = context.access.principal?.userId;
    const user = userId ? await context.em.findOne(User, userId) : null;
    if (!user) throw AppError.unauthenticated();
    return user;
  }
}
