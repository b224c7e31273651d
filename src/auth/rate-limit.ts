import { createHash } from 'node:crypto';

import {
  buildASTSchema,
  GraphQLDirective,
  GraphQLResolveInfo,
  GraphQLSchema,
  parse,
} from 'graphql';
import {
  millisecondsToSeconds,
  rateLimitDirective,
  RateLimitDirective,
  RateLimitOptions,
} from 'graphql-rate-limit-directive';
import type { IRateLimiterOptions, RateLimiterRes } from 'rate-limiter-flexible';

import { AppError } from '../core/errors';
import type { GraphQLContext } from '../http/context';
import { toHttpGraphQLError } from '../http/http-error';
import { normaliseEmail } from './auth.service';
import type { RateLimitStore } from './rate-limit.store';

/**
 * Limits on credential operations, written on the resolvers. `@rateLimit` counts per client
 * address (`ctx.state.clientIp`, which reads X-Forwarded-For only with TRUST_PROXY), and
 * `@rateLimitPerEmail` per account email, so neither one address trying many accounts nor
 * many addresses trying one account get far. Durations are in seconds.
 */
export const RATE_LIMITS = {
  loginPerAddress: '@rateLimit(limit: 100, duration: 900)',
  loginPerEmail: '@rateLimitPerEmail(limit: 10, duration: 900)',
  signupPerAddress: '@rateLimit(limit: 20, duration: 3600)',
  signupPerEmail: '@rateLimitPerEmail(limit: 5, duration: 3600)',
  passwordPerAddress: '@rateLimit(limit: 50, duration: 900)',
  passwordPerEmail: '@rateLimitPerEmail(limit: 10, duration: 900)',
} as const;

type Args = Record<string, unknown>;

function fieldOf(info: GraphQLResolveInfo): string {
  return `${info.parentType.name}.${info.fieldName}`;
}

/** Hashes an identifier so that the store contains no email or address in clear. */
function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32);
}

/** Returns the account email of a credential operation: its email argument, or the caller's. */
function accountEmail(args: Args, context: GraphQLContext): string | null {
  const input = args.input as { email?: unknown } | undefined;
  const email = args.email ?? input?.email;
  if (typeof email === 'string') return normaliseEmail(email);
  return context.access.principal?.email ?? null;
}

function onLimit(response: RateLimiterRes): never {
  const seconds = Math.max(1, millisecondsToSeconds(response.msBeforeNext));
  throw toHttpGraphQLError(AppError.rateLimited(seconds), { 'Retry-After': String(seconds) });
}

/** Reads a directive definition from the SDL that the library generates. */
function definitionOf(directive: RateLimitDirective, name: string): GraphQLDirective {
  const definition = buildASTSchema(parse(directive.rateLimitDirectiveTypeDefs)).getDirective(name);
  if (!definition) throw new Error(`graphql-rate-limit-directive did not define @${name}`);
  return definition;
}

function limiterSettings(
  store: RateLimitStore | undefined,
): Pick<RateLimitOptions<GraphQLContext, IRateLimiterOptions>, 'limiterClass' | 'limiterOptions'> {
  // Without a store (schema emission), the library's in-memory limiter is used.
  return store ? { limiterClass: store.limiterClass, limiterOptions: store.limiterOptions } : {};
}

/**
 * Declares `@rateLimit` and `@rateLimitPerEmail` and wraps the resolvers that carry them.
 * Apply it before the access directives, so that an unauthenticated call is rejected before
 * it consumes anything.
 */
export function applyRateLimits(schema: GraphQLSchema, store?: RateLimitStore): GraphQLSchema {
  const perAddress = rateLimitDirective<GraphQLContext>({
    name: 'rateLimit',
    keyGenerator: (_limit, _source, _args, context, info) =>
      `${fieldOf(info)}:${digest(context.clientIp)}`,
    onLimit,
    ...limiterSettings(store),
  });
  const perEmail = rateLimitDirective<GraphQLContext>({
    name: 'rateLimitPerEmail',
    keyGenerator: (_limit, _source, args, context, info) =>
      `${fieldOf(info)}:${digest(accountEmail(args, context) ?? '')}`,
    // Without an email there is no account to protect; the address limit still applies.
    pointsCalculator: (_limit, _source, args, context) => (accountEmail(args, context) ? 1 : 0),
    onLimit,
    ...limiterSettings(store),
  });

  const declared = new GraphQLSchema({
    ...schema.toConfig(),
    directives: [
      ...schema.getDirectives(),
      definitionOf(perAddress, 'rateLimit'),
      definitionOf(perEmail, 'rateLimitPerEmail'),
    ],
  });
  return perEmail.rateLimitDirectiveTransformer(perAddress.rateLimitDirectiveTransformer(declared));
}
