import type { EntityManager } from '@mikro-orm/knex';

import type { Logger } from '../core/logger';
import { CategoryCounts, VersionService } from '../medicaments/version.service';

export interface HealthReport {
  status: 'ok' | 'degraded';
  appVersion: string;
  database: 'ok' | 'unreachable';
  nomenclature: {
    version: string;
    importedAt: Date;
    sourceFile: string;
    counts: CategoryCounts;
  } | null;
}

/** How long one health report is reused; load balancers poll often. */
export const HEALTH_REPORT_TTL_MS = 1000;

/** Builds the report of `health` and `GET /health`. */
export class HealthService {
  private cached: { at: number; report: Promise<HealthReport> } | null = null;

  /** Drops the cached report, so that the next one shows a version published just now. */
  invalidate(): void {
    this.cached = null;
  }

  constructor(
    private readonly versions: VersionService,
    private readonly appVersion: string,
    private readonly logger: Logger,
  ) {}

  report(em: EntityManager): Promise<HealthReport> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > HEALTH_REPORT_TTL_MS) {
      this.cached = { at: now, report: this.build(em) };
    }
    return this.cached.report;
  }

  private async build(em: EntityManager): Promise<HealthReport> {
    try {
      await em.getKnex().raw('select 1');
      const latest = await this.versions.latest(em);
      return {
        status: 'ok',
        appVersion: this.appVersion,
        database: 'ok',
        nomenclature: latest && {
          version: latest.version,
          importedAt: latest.importedAt,
          sourceFile: latest.sourceFile,
          counts: latest.counts,
        },
      };
    } catch (error) {
      this.logger.error({ err: error }, 'health check could not reach the database');
      return {
        status: 'degraded',
        appVersion: this.appVersion,
        database: 'unreachable',
        nomenclature: null,
      };
    }
  }
}
