import DataLoader from 'dataloader';

import type { GraphQLContext } from '../http/context';
import type { CategoryCountsType } from '../medicaments/version.types';
import type { Dimension } from './breakdown';
import { stableJson } from './result-cache';
import type { StatsScope } from './stats.query';

type CategoryCountsLoader = DataLoader<string, CategoryCountsType>;

/** Loaders of one request, dropped with its context. */
const loadersByRequest = new WeakMap<GraphQLContext, Map<string, CategoryCountsLoader>>();

/**
 * Returns the request's loader of category counts for one column and scope. Every ranked
 * laboratory or country loads its own counts, and DataLoader batches those keys into one
 * `StatsService.categoriesOf` call, so the number of SQL statements does not grow with the
 * length of the top lists.
 */
export function categoryCountsLoader(
  context: GraphQLContext,
  scope: StatsScope,
  dimension: Dimension,
): CategoryCountsLoader {
  let loaders = loadersByRequest.get(context);
  if (!loaders) {
    loaders = new Map();
    loadersByRequest.set(context, loaders);
  }
  const key = `${dimension}|${stableJson(scope)}`;
  let loader = loaders.get(key);
  if (!loader) {
    loader = new DataLoader(async (values: readonly string[]) => {
      const counts = await context.services.stats.categoriesOf(
        context.em,
        scope,
        dimension,
        values,
      );
      return values.map((value) => counts[value]);
    });
    loaders.set(key, loader);
  }
  return loader;
}
