import type { EntityManager } from '@mikro-orm/knex';

import { DataGeneration } from '../core/generation';
import { AppError } from '../core/errors';
import { ImportStatus } from '../import/import-log.entity';
import { Categorie } from '../import/workbook.types';

export interface CategoryCounts {
  nomenclature: number;
  nonRenouvele: number;
  retrait: number;
}

/** A published nomenclature version: its latest successful import and its row counts. */
export interface PublishedVersion {
  version: string;
  importLogId: number;
  importedAt: Date;
  sourceFile: string;
  counts: CategoryCounts;
}

const VERSION_LABEL = /^\d{4}-\d{2}-\d{2}$/;

/** Lists published versions; cached until the data generation changes. */
export class VersionService {
  private cached: { generation: number; versions: Promise<PublishedVersion[]> } | null = null;

  constructor(private readonly generation: DataGeneration) {}

  /** Published versions, newest label first. */
  list(em: EntityManager): Promise<PublishedVersion[]> {
    const generation = this.generation.value;
    if (this.cached?.generation !== generation) {
      const versions = this.load(em);
      this.cached = { generation, versions };
      versions.catch(() => {
        if (this.cached?.versions === versions) this.cached = null;
      });
    }
    return this.cached.versions;
  }

  async latest(em: EntityManager): Promise<PublishedVersion | null> {
    const versions = await this.list(em);
    return versions[0] ?? null;
  }

  /**
   * The version a query reads: the one it names, else the latest. Returns null when
   * nothing is published yet.
   */
  async resolve(em: EntityManager, requested?: string | null): Promise<PublishedVersion | null> {
    if (!requested) return this.latest(em);
    if (!VERSION_LABEL.test(requested)) {
      throw AppError.badInput(
        `Version invalide « ${requested} » : le format attendu est AAAA-MM-JJ.`,
        {
          field: 'version',
        },
      );
    }
    const found = (await this.list(em)).find((candidate) => candidate.version === requested);
    if (!found)
      throw AppError.notFound(`La version ${requested} de la nomenclature n'est pas publiée.`);
    return found;
  }

  private async load(em: EntityManager): Promise<PublishedVersion[]> {
    const knex = em.getKnex();
    const logs: { id: number; version: string; finished_at: unknown; source_file: string }[] =
      await knex('import_log')
        .select('id', 'version', 'finished_at', 'source_file')
        .where('status', ImportStatus.SUCCEEDED)
        .whereNotNull('version')
        .orderBy('id', 'desc');
    const counts: { version: string; categorie: Categorie; total: number | string }[] = await knex(
      'medicament',
    )
      .select('version', 'categorie')
      .count({ total: '*' })
      .whereNull('deleted_at')
      .groupBy('version', 'categorie');

    const versions = new Map<string, PublishedVersion>();
    for (const log of logs) {
      if (versions.has(log.version)) continue;
      versions.set(log.version, {
        version: log.version,
        importLogId: Number(log.id),
        importedAt: toDate(log.finished_at),
        sourceFile: log.source_file,
        counts: { nomenclature: 0, nonRenouvele: 0, retrait: 0 },
      });
    }
    for (const row of counts) {
      const target = versions.get(row.version)?.counts;
      if (target) target[COUNT_KEYS[row.categorie]] = Number(row.total);
    }
    return [...versions.values()].sort((a, b) => b.version.localeCompare(a.version));
  }
}

const COUNT_KEYS: Record<Categorie, keyof CategoryCounts> = {
  NOMENCLATURE: 'nomenclature',
  NON_RENOUVELE: 'nonRenouvele',
  RETRAIT: 'retrait',
};

/** Reads a timestamp as either driver returns it (Date, epoch milliseconds or ISO text). */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return new Date(Number(value));
  return new Date(String(value));
}
