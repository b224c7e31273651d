import type { ApolloServerPlugin } from '@apollo/server';
import type {
  FieldNode,
  FragmentDefinitionNode,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';

import { visibilityKey } from '../auth/access';
import type { DataGeneration } from '../core/generation';
import type { GraphQLContext } from './context';

/** Root fields whose result depends only on the data, the query and what the caller may see. */
const CACHEABLE_ROOT_FIELDS = new Set([
  'medicaments',
  'medicament',
  'versions',
  'packs',
  '__typename',
]);

/**
 * Upper bound of the cached JSON, in characters. The cache keeps the response objects, which
 * took several times their JSON length in memory in the benchmark (64 M characters let the
 * server grow past 1 GB), so the bound stays low.
 */
const MAX_CACHE_CHARS = 16 * 1024 * 1024;

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

function isCacheable(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): boolean {
  if (operation.operation !== 'query') return false;
  const fields = rootFields(operation.selectionSet, fragments);
  return (
    fields !== null &&
    fields.length > 0 &&
    fields.every((field) => CACHEABLE_ROOT_FIELDS.has(field.name.value))
  );
}

/** JSON with object keys sorted, so that equal variables give equal keys. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Answers repeated read queries from memory. The key holds the data generation (bumped
 * by imports and edits, in every process when Redis is used), what the caller may see,
 * the query and its variables. Authentication, quota counting and the per-field access
 * checks all run before this hook; a response with errors is never stored.
 */
export function responseCachePlugin(
  generation: DataGeneration,
): ApolloServerPlugin<GraphQLContext> {
  const cache = new LRUCache<string, { data: Record<string, unknown> }>({
    maxSize: MAX_CACHE_CHARS,
    sizeCalculation: (entry) => Math.max(1, JSON.stringify(entry.data).length),
  });
  generation.on('change', () => cache.clear());

  return {
    async requestDidStart() {
      let key: string | null = null;
      return {
        async responseForOperation(requestContext) {
          const { operation, document, contextValue, request, queryHash } = requestContext;
          // Apollo reaches this hook without an operation when operationName matches none.
          if (!operation) return null;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === 'FragmentDefinition')
              fragments[definition.name.value] = definition;
          }
          if (!isCacheable(operation, fragments)) return null;

          key = [
            generation.value,
            visibilityKey(contextValue.access),
            queryHash,
            request.operationName ?? '',
            stableJson(request.variables ?? {}),
          ].join('|');
          const hit = cache.get(key);
          if (!hit) return null;
          return {
            http: requestContext.response.http,
            body: { kind: 'single', singleResult: { data: hit.data } },
          };
        },
        async willSendResponse({ response }) {
          if (!key || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data && !errors?.length && !cache.has(key)) cache.set(key, { data });
        },
      };
    },
  };
}
