import type { EntityManager } from '@mikro-orm/knex';

import { AppError } from '../core/errors';
import { foldText } from '../core/text';
import { diffRecords, RowDiff } from './diff.compare';
import type { MedicamentRecord } from './medicament.columns';
import type { Visibility } from './medicament.service';
import { compareSheetOrder } from './presentation';
import { liveRecords, readRecords, splitVisible } from './record.query';
import type { VersionService } from './version.service';

export interface NomenclatureDiff extends RowDiff {
  from: string;
  to: string;
  /** Withdrawn rows of both versions left out because the caller lacks RETRAITS. */
  withdrawnHidden: number;
}

export interface DiffSummary {
  from: string;
  to: string;
  added: number;
  removed: number;
  changed: number;
  moved: number;
  withdrawnHidden: number;
}

/** Counts the entries of each list of a diff. */
export function summariseDiff(diff: NomenclatureDiff): DiffSummary {
  return {
    from: diff.from,
    to: diff.to,
    added: diff.added.length,
    removed: diff.removed.length,
    changed: diff.changed.length,
    moved: diff.moved.length,
    withdrawnHidden: diff.withdrawnHidden,
  };
}

/** One version of a registration's history: its rows there, empty when absent. */
export interface HistoryEntry {
  version: string;
  importedAt: Date;
  rows: MedicamentRecord[];
  withdrawnHidden: number;
}

/** Compares published versions (`nomenclatureDiff`) and follows a registration (`historique`). */
export class DiffService {
  constructor(private readonly versions: VersionService) {}

  /** Rows added, removed, changed and moved between two published versions. */
  async diff(
    em: EntityManager,
    from: string,
    to: string,
    visibility: Visibility,
  ): Promise<NomenclatureDiff> {
    const [fromVersion, toVersion] = await Promise.all([
      this.versions.resolve(em, from),
      this.versions.resolve(em, to),
    ]);
    if (!fromVersion || !toVersion) throw AppError.notFound("Aucune version n'est publiée.");

    const records = await readRecords(
      liveRecords(em.getKnex()).whereIn('version', [fromVersion.version, toVersion.version]),
    );
    const { visible, withdrawnHidden } = splitVisible(records, visibility.showRetraits);
    const fromRows = visible.filter((record) => record.version === fromVersion.version);
    const toRows = visible.filter((record) => record.version === toVersion.version);
    return {
      from: fromVersion.version,
      to: toVersion.version,
      withdrawnHidden,
      ...diffRecords(fromRows, toRows),
    };
  }

  /** The counts of `diff`, for the dashboard. */
  async summary(
    em: EntityManager,
    from: string,
    to: string,
    visibility: Visibility,
  ): Promise<DiffSummary> {
    return summariseDiff(await this.diff(em, from, to, visibility));
  }

  /**
   * The rows of one registration number in every published version, oldest first. The
   * number is matched without accents, case or punctuation ("352/01 A 003/06/22").
   */
  async history(
    em: EntityManager,
    numEnregistrement: string,
    visibility: Visibility,
  ): Promise<HistoryEntry[]> {
    const folded = foldText(numEnregistrement);
    if (!folded) {
      throw AppError.badInput("numEnregistrement manquant : indiquez un numéro d'enregistrement.", {
        field: 'numEnregistrement',
      });
    }
    const published = await this.versions.list(em);
    const records = await readRecords(
      liveRecords(em.getKnex()).where('num_enregistrement_search', ` ${folded} `),
    );

    return published
      .map((version) => {
        const rows = records.filter((record) => record.version === version.version);
        const { visible, withdrawnHidden } = splitVisible(rows, visibility.showRetraits);
        return {
          version: version.version,
          importedAt: version.importedAt,
          rows: visible.sort(compareSheetOrder),
          withdrawnHidden,
        };
      })
      .sort((a, b) => a.version.localeCompare(b.version));
  }
}
