import { createHash } from 'node:crypto';

import type { ApolloServerPlugin } from '@apollo/server';
import type {
  FieldNode,
  FragmentDefinitionNode,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import type { Middleware } from 'koa';
import { LRUCache } from 'lru-cache';

import { visibilityKey } from '../auth/access';
import type { DataGeneration } from '../core/generation';
import { quotaExtension, quotaHeaders } from '../packs/quota.http';
import type { QuotaService, QuotaState } from '../packs/quota.service';
import { countRootFields } from '../packs/root-fields';
import { RESULT_TTL_MS } from '../stats/result-cache';
import type { GraphQLContext, RequestState } from './context';
import { HEALTH_REPORT_TTL_MS } from './health.service';

/**
 * Root fields whose response depends only on the data, the operation and what the caller
 * may see. Each maps to how long a response stays valid: until the data changes (Infinity),
 * as long as the statistics cache keeps a result, or one second for `health`, whose report
 * is itself reused that long.
 */
const CACHEABLE_ROOT_FIELDS = new Map<string, number>([
  ['medicaments', Number.POSITIVE_INFINITY],
  ['medicament', Number.POSITIVE_INFINITY],
  ['versions', Number.POSITIVE_INFINITY],
  ['packs', Number.POSITIVE_INFINITY],
  ['__typename', Number.POSITIVE_INFINITY],
  ['statistiques', RESULT_TTL_MS],
  ['dashboard', RESULT_TTL_MS],
  ['health', HEALTH_REPORT_TTL_MS],
]);

/** Upper bound of the cached responses, in characters of JSON. */
const MAX_CACHE_CHARS = 48 * 1024 * 1024;

/** koa-body keeps the raw text of a parsed body under this symbol (`includeUnparsed`). */
const UNPARSED_BODY = Symbol.for('unparsedBody');

/** A response kept for replay: the JSON of `data` and what the first execution reported. */
interface CachedResponse {
  dataJson: string;
  /** Chosen by Apollo from the `Accept` header, which is part of the key. */
  contentType: string;
  /** Root fields counted against the caller's quota on each replay. */
  quotaAmount: number;
  /** Operation label of the request log line. */
  operation: string | undefined;
  expiresAt: number;
}

/** Set on the request state by the plugin when the executed operation may be replayed. */
interface ReplayableResult {
  dataJson: string;
  quotaAmount: number;
  lifetimeMs: number;
}

interface OperationCacheState extends RequestState {
  operationCacheKey?: string;
  replayable?: ReplayableResult;
  /** Set when the response came from the cache, for the request log line. */
  cached?: boolean;
}

function rootFields(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
): FieldNode[] | null {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === 'Field') {
      fields.push(selection);
      continue;
    }
    const nested =
      selection.kind === 'InlineFragment'
        ? selection.selectionSet
        : fragments[selection.name.value]?.selectionSet;
    if (!nested) return null;
    const found = rootFields(nested, fragments);
    if (!found) return null;
    fields.push(...found);
  }
  return fields;
}

/** Returns how long an operation's response may be replayed, or null when it may not be. */
function lifetimeOf(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): number | null {
  if (operation.operation !== 'query') return null;
  const fields = rootFields(operation.selectionSet, fragments);
  if (!fields || fields.length === 0) return null;
  let lifetime = Number.POSITIVE_INFINITY;
  for (const field of fields) {
    const fieldLifetime = CACHEABLE_ROOT_FIELDS.get(field.name.value);
    if (fieldLifetime === undefined) return null;
    lifetime = Math.min(lifetime, fieldLifetime);
  }
  return lifetime;
}

/**
 * Replays the responses of repeated read operations without running Apollo. The key contains
 * the exact body of the request, the data generation (bumped by imports and edits, in every
 * process when Redis is used), what the caller may see and the `Accept` header. A replay is
 * thus what executing the same bytes again would give. Authentication runs before it, and each
 * replay is counted against the caller's quota like an execution. A response with errors is
 * never kept, and the JSON kept is that of `data` alone: quota details are added per caller.
 */
export class OperationCache {
  private readonly responses = new LRUCache<string, CachedResponse>({
    maxSize: MAX_CACHE_CHARS,
    sizeCalculation: (cached) => Math.max(1, cached.dataJson.length),
  });

  constructor(
    private readonly generation: DataGeneration,
    private readonly quotas: QuotaService,
  ) {
    generation.on('change', () => this.responses.clear());
  }

  /**
   * Koa middleware for POST /graphql, mounted after koa-body (with `includeUnparsed`) and
   * before the Apollo middleware. It replays a cached response, or marks the request so
   * that its response is kept.
   */
  replay(): Middleware {
    return async (ctx, next) => {
      const state = ctx.state as OperationCacheState;
      const body = (ctx.request as { body?: Record<symbol, unknown> }).body;
      const raw = ctx.method === 'POST' && body ? body[UNPARSED_BODY] : undefined;
      if (typeof raw !== 'string') return next();

      const key = this.keyOf(state, ctx.get('accept'), raw);
      const cached = this.responses.get(key);
      if (!cached || cached.expiresAt <= Date.now()) {
        state.operationCacheKey = key;
        await next();
        this.keep(key, state, ctx.status, ctx.response.get('content-type'));
        return;
      }

      let quota: QuotaState | null = null;
      const principal = state.access.principal;
      if (principal && cached.quotaAmount > 0) {
        const outcome = await this.quotas.consume(principal, cached.quotaAmount);
        // Over the limit nothing was counted: Apollo runs the same check and returns the 429.
        if (outcome.error) return next();
        quota = outcome.state;
      }
      state.operation = cached.operation;
      state.cached = true;
      ctx.set('Content-Type', cached.contentType);
      if (quota) ctx.set(quotaHeaders(quota));
      ctx.status = 200;
      ctx.body = quota
        ? `{"data":${cached.dataJson},"extensions":{"quota":${JSON.stringify(quotaExtension(quota))}}}\n`
        : `{"data":${cached.dataJson}}\n`;
    };
  }

  /** Apollo plugin that marks the executed operations `replay` may keep. */
  plugin(): ApolloServerPlugin<GraphQLContext> {
    return {
      async requestDidStart() {
        let lifetimeMs: number | null = null;
        let quotaAmount = 0;
        return {
          async didResolveOperation({ operation, document, request, contextValue }) {
            // Apollo hands resolvers a copy of the context: the request state is `koa.state`.
            if (!(contextValue.koa.state as OperationCacheState).operationCacheKey || !operation)
              return;
            const fragments: Record<string, FragmentDefinitionNode> = {};
            for (const definition of document.definitions) {
              if (definition.kind === 'FragmentDefinition')
                fragments[definition.name.value] = definition;
            }
            lifetimeMs = lifetimeOf(operation, fragments);
            if (lifetimeMs !== null)
              quotaAmount = countRootFields(operation, document, request.variables ?? {});
          },
          async willSendResponse({ response, contextValue }) {
            if (lifetimeMs === null || response.body.kind !== 'single') return;
            const { data, errors } = response.body.singleResult;
            if (!data || errors?.length) return;
            (contextValue.koa.state as OperationCacheState).replayable = {
              dataJson: JSON.stringify(data),
              quotaAmount,
              lifetimeMs,
            };
          },
        };
      },
    };
  }

  private keyOf(state: RequestState, accept: string, raw: string): string {
    const denied = state.access.authError ? 'denied' : 'accepted';
    const digest = createHash('sha256').update(raw).digest('base64');
    return `${this.generation.value}|${visibilityKey(state.access)}|${denied}|${accept}|${digest}`;
  }

  private keep(key: string, state: OperationCacheState, status: number, contentType: string): void {
    const result = state.replayable;
    if (!result || status !== 200 || !contentType) return;
    this.responses.set(key, {
      dataJson: result.dataJson,
      contentType,
      quotaAmount: result.quotaAmount,
      operation: state.operation,
      expiresAt: Date.now() + result.lifetimeMs,
    });
  }
}
