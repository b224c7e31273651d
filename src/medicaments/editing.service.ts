import type { EntityManager } from '@mikro-orm/knex';

import { AuditAction } from '../auth/audit-log.entity';
import type { AuditService } from '../auth/audit.service';
import { clock } from '../core/clock';
import { AppError } from '../core/errors';
import type { DataGeneration } from '../core/generation';
import { searchColumn } from '../core/text';
import { compareRecords, FieldChange } from './diff.compare';
import { EditInput, EditValues, searchColumnsOf, validateEdit } from './editing.validation';
import type { MedicamentRecord } from './medicament.columns';
import { Medicament } from './medicament.entity';
import type { MedicamentService, Visibility } from './medicament.service';
import { presentationKey } from './presentation';
import type { VersionService } from './version.service';

/** The admin making a change. */
export interface Actor {
  userId: number;
}

const ADMIN_VISIBILITY: Visibility = { showRetraits: true, isAdmin: true };

/**
 * Creates, updates, soft-deletes and restores rows of the latest version for admins. Each
 * change records who and when on the row, leaves an audit entry in the same transaction,
 * and bumps the data generation so that every cache drops what it holds.
 */
export class MedicamentEditService {
  constructor(
    private readonly versions: VersionService,
    private readonly medicaments: MedicamentService,
    private readonly audit: AuditService,
    private readonly generation: DataGeneration,
  ) {}

  async create(em: EntityManager, input: EditInput, actor: Actor): Promise<MedicamentRecord> {
    const values = validateEdit(input, true);
    const version = await this.latestVersion(em);
    const now = clock.now();

    const id = await em.transactional(async (tx) => {
      await assertNoDuplicate(tx, version, values, null);
      const row = tx.create(Medicament, {
        ...values,
        ...searchColumnsOf(values as Medicament),
        version,
        sheetRow: 0,
        warnings: [],
        createdAt: now,
        updatedAt: now,
        createdById: actor.userId,
        updatedById: actor.userId,
      } as unknown as Medicament);
      await tx.flush();
      this.record(tx, actor, AuditAction.MEDICAMENT_CREATED, row, {});
      return row.id;
    });
    return this.changed(em, id);
  }

  async update(
    em: EntityManager,
    id: number,
    input: EditInput,
    actor: Actor,
  ): Promise<MedicamentRecord> {
    const values = validateEdit(input, false);
    const before = await this.editableRow(em, id, false);

    const after = { ...before, ...values } as MedicamentRecord;
    const changes = compareRecords(before, after).concat(categorieChange(before, after));
    if (changes.length === 0) return before;

    await em.transactional(async (tx) => {
      if (presentationKey(before) !== presentationKey(after)) {
        await assertNoDuplicate(tx, before.version, after, id);
      }
      const row = await tx.findOneOrFail(Medicament, id);
      tx.assign(row, {
        ...values,
        ...searchColumnsOf(after),
        updatedAt: clock.now(),
        updatedById: actor.userId,
      });
      this.record(tx, actor, AuditAction.MEDICAMENT_UPDATED, row, { changes });
    });
    return this.changed(em, id);
  }

  /**
   * Soft-deletes a row. It stays in the database and leaves every result, except an admin's
   * lookup by id and admin searches with `includeDeleted`.
   */
  async remove(em: EntityManager, id: number, actor: Actor): Promise<MedicamentRecord> {
    await this.editableRow(em, id, false);
    await em.transactional(async (tx) => {
      const row = await tx.findOneOrFail(Medicament, id);
      const now = clock.now();
      tx.assign(row, {
        deletedAt: now,
        deletedById: actor.userId,
        updatedAt: now,
        updatedById: actor.userId,
      });
      this.record(tx, actor, AuditAction.MEDICAMENT_DELETED, row, {});
    });
    return this.changed(em, id);
  }

  async restore(em: EntityManager, id: number, actor: Actor): Promise<MedicamentRecord> {
    const before = await this.editableRow(em, id, true);
    await em.transactional(async (tx) => {
      await assertNoDuplicate(tx, before.version, before, id);
      const row = await tx.findOneOrFail(Medicament, id);
      tx.assign(row, {
        deletedAt: null,
        deletedById: null,
        updatedAt: clock.now(),
        updatedById: actor.userId,
      });
      this.record(tx, actor, AuditAction.MEDICAMENT_RESTORED, row, {});
    });
    return this.changed(em, id);
  }

  private async latestVersion(em: EntityManager): Promise<string> {
    const latest = await this.versions.latest(em);
    if (!latest) {
      throw AppError.notFound("Aucune version publiée : importez d'abord la nomenclature.");
    }
    return latest.version;
  }

  /** Reads a row of the latest version, checking that it is deleted or live as the action requires. */
  private async editableRow(
    em: EntityManager,
    id: number,
    deleted: boolean,
  ): Promise<MedicamentRecord> {
    const row = await this.medicaments.findById(em, id, ADMIN_VISIBILITY);
    const version = await this.latestVersion(em);
    if (row.version !== version) {
      throw AppError.badInput(
        `Le médicament ${id} appartient à la version ${row.version} : seule la version courante (${version}) se modifie.`,
        { field: 'id' },
      );
    }
    if (deleted && !row.deletedAt) {
      throw AppError.conflict(`Le médicament ${id} n'est pas supprimé.`);
    }
    if (!deleted && row.deletedAt) {
      throw AppError.conflict(`Le médicament ${id} est supprimé : restaurez-le d'abord.`);
    }
    return row;
  }

  private record(
    tx: EntityManager,
    actor: Actor,
    action: AuditAction,
    row: Medicament,
    details: { changes?: FieldChange[] },
  ): void {
    this.audit.record(tx, {
      actorId: actor.userId,
      action,
      details: {
        version: row.version,
        medicamentIds: [row.id],
        numEnregistrement: row.numEnregistrement,
        nomMarque: row.nomMarque,
        ...details,
      },
    });
  }

  /** Bumps the generation, then reads the row back as admins see it. */
  private changed(em: EntityManager, id: number): Promise<MedicamentRecord> {
    this.generation.bump('edit');
    return this.medicaments.findById(em, id, ADMIN_VISIBILITY);
  }
}

function categorieChange(before: MedicamentRecord, after: MedicamentRecord): FieldChange[] {
  if (before.categorie === after.categorie) return [];
  return [{ field: 'categorie', before: before.categorie, after: after.categorie }];
}

/**
 * Rejects a row whose registration number and presentation another live row of the
 * version already has, since that would make a duplicate. Runs inside the transaction.
 */
async function assertNoDuplicate(
  tx: EntityManager,
  version: string,
  row: EditValues,
  exceptId: number | null,
): Promise<void> {
  const sameNumber = await tx.find(
    Medicament,
    {
      version,
      numEnregistrementSearch: searchColumn(row.numEnregistrement),
      deletedAt: null,
      ...(exceptId ? { id: { $ne: exceptId } } : {}),
    },
    { fields: ['id', 'numEnregistrement', 'forme', 'dosage', 'conditionnement'] },
  );
  const key = presentationKey(row as Medicament);
  const twin = sameNumber.find((candidate) => presentationKey(candidate) === key);
  if (twin) {
    throw AppError.conflict(
      `Le médicament ${twin.id} a déjà ce numéro d'enregistrement et cette présentation (forme, dosage, conditionnement).`,
    );
  }
}
