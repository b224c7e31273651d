import type { EntityManager } from '@mikro-orm/knex';

import { ImportLog, ImportStatus, SheetSummary } from '../import/import-log.entity';
import type { DiffService, DiffSummary } from '../medicaments/diff.service';
import type { Visibility } from '../medicaments/medicament.service';
import type { PublishedVersion, VersionService } from '../medicaments/version.service';
import { Dimension } from './breakdown';
import type { ResultCache } from './result-cache';
import type { CategoryTotals, StatsScope } from './stats.query';
import type { StatsService } from './stats.service';

/** Root object of `dashboard`: the version shown, with every field resolved on demand. */
export interface DashboardRoot {
  version: string | null;
  /** The whole version as the caller sees it; null when nothing is published. */
  scope: StatsScope | null;
}

/** One laboratory or country of a top list. */
export interface DashboardRank {
  name: string;
  /** Folded name, as `laboratoire_search` and `pays_laboratoire_search` store it. */
  value: string;
  count: number;
  dimension: Dimension;
  scope: StatsScope;
}

/** The latest import attempt, whatever its outcome, without who ran it. */
export interface LastImport {
  id: number;
  version: string | null;
  status: ImportStatus;
  sourceFile: string;
  startedAt: Date | string;
  finishedAt: Date | string | null;
  durationMs: number | null;
  rowCount: number;
  warningCount: number;
  warningsByKind: Record<string, number>;
  sheets: SheetSummary[];
  error: string | null;
}

const EMPTY_TOTALS: CategoryTotals = {
  total: 0,
  nomenclature: 0,
  nonRenouvele: 0,
  retrait: 0,
  withdrawnHidden: 0,
};

function sumWarningsByKind(sheets: SheetSummary[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const sheet of sheets) {
    for (const [kind, count] of Object.entries(sheet.warningsByKind ?? {})) {
      sums[kind] = (sums[kind] ?? 0) + count;
    }
  }
  return sums;
}

/**
 * Parts of the hospital dashboard. Counts come from `StatsService` and share its cache. The
 * last import and the changes since the previous version are cached here, also for five
 * minutes, and every data change drops them.
 */
export class DashboardService {
  constructor(
    private readonly stats: StatsService,
    private readonly versions: VersionService,
    private readonly diff: DiffService,
    private readonly cache: ResultCache,
  ) {}

  async root(
    em: EntityManager,
    version: string | null,
    visibility: Visibility,
  ): Promise<DashboardRoot> {
    const scope = await this.stats.scope(em, { version, criteria: {} }, visibility);
    return { version: scope?.version ?? null, scope };
  }

  totals(em: EntityManager, root: DashboardRoot): Promise<CategoryTotals> {
    return root.scope ? this.stats.categories(em, root.scope) : Promise.resolve(EMPTY_TOTALS);
  }

  /** The `limit` most frequent non-empty values of a laboratory or country column. */
  async top(
    em: EntityManager,
    root: DashboardRoot,
    dimension: Dimension,
    limit: number,
  ): Promise<DashboardRank[]> {
    const scope = root.scope;
    if (!scope) return [];
    const breakdown = await this.stats.breakdown(em, scope, dimension);
    return breakdown.entries
      .filter((entry) => entry.value !== null)
      .slice(0, limit)
      .map((entry) => ({
        name: entry.label,
        value: entry.value as string,
        count: entry.count,
        dimension,
        scope,
      }));
  }

  versionList(em: EntityManager): Promise<PublishedVersion[]> {
    return this.versions.list(em);
  }

  lastImport(em: EntityManager): Promise<LastImport | null> {
    return this.cache.getOrCompute(['lastImport'], async () => {
      const [log] = await em.find(ImportLog, {}, { orderBy: { id: 'desc' }, limit: 1 });
      if (!log) return null;
      const sheets = log.sheets ?? [];
      return {
        id: log.id,
        version: log.version,
        status: log.status,
        sourceFile: log.sourceFile,
        startedAt: log.startedAt,
        finishedAt: log.finishedAt,
        durationMs: log.durationMs,
        rowCount: log.rowCount,
        warningCount: log.warningCount,
        warningsByKind: sumWarningsByKind(sheets),
        sheets,
        error: log.error,
      };
    });
  }

  /** Counts the changes since the version published before this one; null for the first version. */
  async changes(
    em: EntityManager,
    root: DashboardRoot,
    visibility: Visibility,
  ): Promise<DiffSummary | null> {
    if (!root.version) return null;
    const versions = await this.versions.list(em);
    const previous = versions.find((candidate) => candidate.version < root.version!);
    if (!previous) return null;
    return this.cache.getOrCompute(
      ['changes', previous.version, root.version, visibility.showRetraits],
      () => this.diff.summary(em, previous.version, root.version!, visibility),
    );
  }
}
