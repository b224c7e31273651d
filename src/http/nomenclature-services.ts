import type { AuditService } from '../auth/audit.service';
import type { AppConfig } from '../core/config';
import type { DataGeneration } from '../core/generation';
import { GenerationSync } from '../core/generation-sync';
import type { Logger } from '../core/logger';
import { DciService } from '../medicaments/dci.service';
import { DiffService } from '../medicaments/diff.service';
import { DuplicateService } from '../medicaments/duplicates.service';
import { MedicamentEditService } from '../medicaments/editing.service';
import type { MedicamentService } from '../medicaments/medicament.service';
import type { VersionService } from '../medicaments/version.service';
import { DashboardService } from '../stats/dashboard.service';
import { ResultCache } from '../stats/result-cache';
import { StatsService } from '../stats/stats.service';

/** Services of statistics, the dashboard, the DCI view, version comparison and admin edits. */
export interface NomenclatureServices {
  stats: StatsService;
  dashboard: DashboardService;
  dci: DciService;
  diff: DiffService;
  duplicates: DuplicateService;
  editing: MedicamentEditService;
  /** Five-minute cache of statistics, in memory or in Redis. */
  resultCache: ResultCache;
  /** Shares data and access changes with the other processes; null without `REDIS_URL`. */
  generationSync: GenerationSync | null;
}

/** The shared services these depend on, created by `createServices`. */
export interface NomenclatureDependencies {
  config: AppConfig;
  logger: Logger;
  generation: DataGeneration;
  accessGeneration: DataGeneration;
  versions: VersionService;
  medicaments: MedicamentService;
  audit: AuditService;
}

/** Wires the nomenclature services; `startDataSync` starts their background part. */
export function createNomenclatureServices(deps: NomenclatureDependencies): NomenclatureServices {
  const { config, logger, generation, accessGeneration, versions, medicaments, audit } = deps;
  const resultCache = new ResultCache(config.redisUrl, generation, logger, config.redisKeyPrefix);
  const stats = new StatsService(versions, medicaments, resultCache);
  const diff = new DiffService(versions);
  const generationSync = config.redisUrl
    ? new GenerationSync(
        config.redisUrl,
        { data: generation, access: accessGeneration },
        logger,
        config.redisKeyPrefix,
      )
    : null;
  generationSync?.beforePublish(() => resultCache.epochWritten());
  return {
    stats,
    dashboard: new DashboardService(stats, versions, diff, resultCache),
    dci: new DciService(versions),
    diff,
    duplicates: new DuplicateService(versions, audit, generation),
    editing: new MedicamentEditService(versions, medicaments, audit, generation),
    resultCache,
    generationSync,
  };
}

/**
 * Subscribes to the data changes of other processes (with Redis); the returned `stop`
 * unsubscribes and closes the cache's connection. Call `stop` before closing the database.
 */
export async function startDataSync(
  services: NomenclatureServices,
): Promise<{ stop(): Promise<void> }> {
  await services.generationSync?.start();
  return {
    stop: async () => {
      await services.generationSync?.stop();
      await services.resultCache.close();
    },
  };
}
