import type { EntityManager } from '@mikro-orm/knex';
import type { Context as KoaContext } from 'koa';

import type { Access } from '../auth/access';
import type { Logger } from '../core/logger';
import type { Services } from './services';

/** Per-request state kept on `ctx.state` by the HTTP middleware, for GraphQL and REST. */
export interface RequestState {
  requestId: string;
  logger: Logger;
  em: EntityManager;
  access: Access;
  clientIp: string;
  /** GraphQL operation name or REST route, for the request log line. */
  operation?: string;
}

/** The context every resolver receives. */
export interface GraphQLContext extends RequestState {
  services: Services;
  koa: KoaContext;
}
