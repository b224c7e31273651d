import type { EntityManager } from '@mikro-orm/knex';

import { AuditAction } from '../auth/audit-log.entity';
import type { AuditService } from '../auth/audit.service';
import { clock } from '../core/clock';
import { AppError } from '../core/errors';
import type { DataGeneration } from '../core/generation';
import { Categorie } from '../import/workbook.types';
import { COMPARED_FIELDS } from './diff.compare';
import type { Actor } from './editing.service';
import type { MedicamentRecord } from './medicament.columns';
import { Medicament } from './medicament.entity';
import { groupByPresentation } from './presentation';
import { liveRecords, readRecords } from './record.query';
import type { VersionService } from './version.service';

/** A column whose value is not the same in every row of a group, one value per row. */
export interface FieldDifference {
  field: string;
  values: (string | null)[];
}

/** Rows of one version with the same registration number and presentation, in sheet order. */
export interface DuplicateGroup {
  rows: MedicamentRecord[];
  differences: FieldDifference[];
}

export interface DuplicateRequest {
  version?: string | null;
  /** Only look within one sheet; every sheet when absent. */
  categorie?: Categorie | null;
}

export interface DuplicateReport {
  version: string;
  groups: DuplicateGroup[];
}

export interface CleanResult {
  version: string;
  dryRun: boolean;
  groupCount: number;
  kept: MedicamentRecord[];
  removed: MedicamentRecord[];
}

const DIFFERENCE_FIELDS: [string, (record: MedicamentRecord) => string | null][] = [
  ['categorie', (record) => record.categorie],
  ...COMPARED_FIELDS,
];

function differencesOf(rows: MedicamentRecord[]): FieldDifference[] {
  const differences: FieldDifference[] = [];
  for (const [field, value] of DIFFERENCE_FIELDS) {
    const values = rows.map(value);
    if (new Set(values).size > 1) differences.push({ field, values });
  }
  return differences;
}

/**
 * Finds rows of one version that repeat a registration number and presentation (form,
 * dosage, conditionnement, compared folded), and soft-deletes all but the first of each
 * group in sheet order. The same number with another presentation is another product.
 */
export class DuplicateService {
  constructor(
    private readonly versions: VersionService,
    private readonly audit: AuditService,
    private readonly generation: DataGeneration,
  ) {}

  async find(em: EntityManager, request: DuplicateRequest): Promise<DuplicateReport> {
    const published = await this.versions.resolve(em, request.version);
    if (!published)
      throw AppError.notFound("Aucune version publiée : importez d'abord la nomenclature.");

    const knex = em.getKnex();
    const repeatedNumbers = knex('medicament')
      .select('num_enregistrement_search')
      .where('version', published.version)
      .whereNull('deleted_at')
      .whereNot('num_enregistrement_search', '')
      .groupBy('num_enregistrement_search')
      .havingRaw('count(*) > 1');
    const candidates = liveRecords(knex)
      .where('version', published.version)
      .whereIn('num_enregistrement_search', repeatedNumbers);
    if (request.categorie) {
      repeatedNumbers.where('categorie', request.categorie);
      candidates.where('categorie', request.categorie);
    }

    const groups = [...groupByPresentation(await readRecords(candidates)).values()]
      .filter((rows) => rows.length > 1)
      .map((rows) => ({ rows, differences: differencesOf(rows) }));
    return { version: published.version, groups };
  }

  /**
   * Keeps the first row of each group and soft-deletes the others, in one transaction with
   * its audit entry. With `dryRun`, it only reports what it would remove.
   */
  async clean(
    em: EntityManager,
    request: DuplicateRequest & { dryRun: boolean },
    actor: Actor,
  ): Promise<CleanResult> {
    const { version, groups } = await this.find(em, request);
    const kept = groups.map((group) => group.rows[0]);
    const removed = groups.flatMap((group) => group.rows.slice(1));
    const result = { version, dryRun: request.dryRun, groupCount: groups.length, kept, removed };
    if (request.dryRun || removed.length === 0) return result;

    const now = clock.now();
    await em.transactional(async (tx) => {
      await tx.nativeUpdate(
        Medicament,
        { id: { $in: removed.map((row) => row.id) }, deletedAt: null },
        { deletedAt: now, deletedById: actor.userId, updatedAt: now, updatedById: actor.userId },
      );
      this.audit.record(tx, {
        actorId: actor.userId,
        action: AuditAction.DUPLICATES_CLEANED,
        details: {
          version,
          categorie: request.categorie ?? null,
          groupCount: groups.length,
          medicamentIds: removed.map((row) => row.id),
          keptIds: kept.map((row) => row.id),
        },
      });
    });
    this.generation.bump('duplicates');
    for (const row of removed) Object.assign(row, { deletedAt: now, deletedById: actor.userId });
    return result;
  }
}
