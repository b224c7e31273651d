import type { EntityManager } from '@mikro-orm/knex';

import type { MedicamentService, Visibility } from '../medicaments/medicament.service';
import type { MedicamentCriteria } from '../medicaments/search.query';
import type { VersionService } from '../medicaments/version.service';
import type { Breakdown, Dimension } from './breakdown';
import type { ResultCache } from './result-cache';
import {
  CategoryCountsByKey,
  CategoryTotals,
  countBy,
  countCategories,
  countCategoriesOf,
  StatsScope,
} from './stats.query';

export interface StatsRequest {
  version?: string | null;
  criteria: MedicamentCriteria;
}

/** Criteria without empty entries, so that `{ q: null }` and `{}` share a cache key. */
function compactCriteria(criteria: MedicamentCriteria): MedicamentCriteria {
  return Object.fromEntries(
    Object.entries(criteria).filter(([, value]) => value !== null && value !== undefined),
  );
}

/**
 * Counts rows per category and per column value for `statistiques` and `dashboard`. Each
 * count is one SQL statement whose result is cached for five minutes, keyed by version,
 * criteria and withdrawal visibility. Any data change invalidates it (see `ResultCache`).
 */
export class StatsService {
  constructor(
    private readonly versions: VersionService,
    private readonly medicaments: MedicamentService,
    private readonly cache: ResultCache,
  ) {}

  /**
   * Checks the request and resolves its version; null when nothing is published yet.
   * Throws BAD_USER_INPUT or NOT_FOUND for an invalid or unknown version.
   */
  async scope(
    em: EntityManager,
    request: StatsRequest,
    visibility: Visibility,
  ): Promise<StatsScope | null> {
    const criteria = this.medicaments.checkCriteria(compactCriteria(request.criteria), visibility);
    const published = await this.versions.resolve(em, request.version);
    if (!published) return null;
    return { version: published.version, criteria, showRetraits: visibility.showRetraits };
  }

  categories(em: EntityManager, scope: StatsScope): Promise<CategoryTotals> {
    return this.cache.getOrCompute(['categories', scope], () =>
      countCategories(em.getKnex(), scope),
    );
  }

  breakdown(em: EntityManager, scope: StatsScope, dimension: Dimension): Promise<Breakdown> {
    return this.cache.getOrCompute(['breakdown', dimension, scope], () =>
      countBy(em.getKnex(), scope, dimension),
    );
  }

  /** Counts rows per category for several folded values of a laboratory or country column. */
  categoriesOf(
    em: EntityManager,
    scope: StatsScope,
    dimension: Dimension,
    keys: readonly string[],
  ): Promise<CategoryCountsByKey> {
    const sorted = [...new Set(keys)].sort();
    return this.cache.getOrCompute(['categoriesOf', dimension, sorted, scope], () =>
      countCategoriesOf(em.getKnex(), scope, dimension, sorted),
    );
  }
}
