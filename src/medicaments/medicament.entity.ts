import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';

import { Categorie, Liste, Statut, TypeMedicament } from '../import/workbook.types';

/**
 * One row of one sheet of one nomenclature version. Normalised values (`liste`,
 * `typeMedicament`, `statut`, dates) sit beside the original cell text (`...Raw`), and
 * the `...Search` columns hold folded text (see `foldText`) for accent-insensitive search.
 */
@Entity({ tableName: 'medicament' })
@Index({ properties: ['version', 'categorie', 'sheetRow'] })
@Index({ properties: ['version', 'numEnregistrement'] })
export class Medicament {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** Version label `YYYY-MM-DD`. */
  @Property({ type: 'string', length: 10 })
  version!: string;

  @Enum({ items: () => Categorie, type: 'string', length: 16 })
  categorie!: Categorie;

  /** 1-based row of the sheet the row was read from (0 for rows created by an admin). */
  @Property({ type: 'integer' })
  sheetRow!: number;

  @Property({ type: 'integer', nullable: true })
  importLogId: number | null = null;

  @Property({ type: 'text', nullable: true })
  n: string | null = null;

  @Property({ type: 'text', nullable: true })
  numEnregistrement: string | null = null;

  @Property({ type: 'text', nullable: true })
  code: string | null = null;

  @Property({ type: 'text', nullable: true })
  dci: string | null = null;

  @Property({ type: 'text', nullable: true })
  nomMarque: string | null = null;

  @Property({ type: 'text', nullable: true })
  forme: string | null = null;

  @Property({ type: 'text', nullable: true })
  dosage: string | null = null;

  @Property({ type: 'text', nullable: true })
  conditionnement: string | null = null;

  @Enum({ items: () => Liste, type: 'string', length: 16, nullable: true })
  liste: Liste | null = null;

  @Property({ type: 'text', nullable: true })
  listeRaw: string | null = null;

  @Property({ type: 'text', nullable: true })
  p1: string | null = null;

  @Property({ type: 'text', nullable: true })
  p2: string | null = null;

  @Property({ type: 'text', nullable: true })
  obs: string | null = null;

  @Property({ type: 'text', nullable: true })
  laboratoire: string | null = null;

  @Property({ type: 'text', nullable: true })
  paysLaboratoire: string | null = null;

  /** Calendar date `YYYY-MM-DD`, stored as text so that no time zone can shift it. */
  @Property({ type: 'string', length: 10, nullable: true })
  dateEnregistrementInitial: string | null = null;

  @Property({ type: 'text', nullable: true })
  dateEnregistrementInitialRaw: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  dateEnregistrementFinal: string | null = null;

  @Property({ type: 'text', nullable: true })
  dateEnregistrementFinalRaw: string | null = null;

  @Enum({ items: () => TypeMedicament, type: 'string', length: 8, nullable: true })
  typeMedicament: TypeMedicament | null = null;

  @Property({ type: 'text', nullable: true })
  typeMedicamentRaw: string | null = null;

  @Enum({ items: () => Statut, type: 'string', length: 4, nullable: true })
  statut: Statut | null = null;

  @Property({ type: 'text', nullable: true })
  statutRaw: string | null = null;

  @Property({ type: 'text', nullable: true })
  dureeStabilite: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  dateRetrait: string | null = null;

  @Property({ type: 'text', nullable: true })
  dateRetraitRaw: string | null = null;

  @Property({ type: 'text', nullable: true })
  motifRetrait: string | null = null;

  /** Warnings raised by the import for this row, as `{ kind, column, value, message }`. */
  @Property({ type: 'json', nullable: true })
  warnings: MedicamentWarning[] | null = null;

  /** Folded DCI, brand, code, registration number and laboratory, padded with spaces. */
  @Property({ type: 'text', lazy: true })
  searchText = '';

  @Property({ type: 'text', lazy: true })
  dciSearch = '';

  @Property({ type: 'text', lazy: true })
  nomMarqueSearch = '';

  @Property({ type: 'text', lazy: true })
  codeSearch = '';

  @Property({ type: 'text', lazy: true })
  numEnregistrementSearch = '';

  @Property({ type: 'text', lazy: true })
  laboratoireSearch = '';

  @Property({ type: 'text', lazy: true })
  paysLaboratoireSearch = '';

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', nullable: true })
  createdById: number | null = null;

  @Property({ type: 'integer', nullable: true })
  updatedById: number | null = null;

  /** Soft-delete mark: deleted rows are left out of every query but admin ones that ask. */
  @Property({ type: 'datetime', nullable: true })
  deletedAt: Date | null = null;

  @Property({ type: 'integer', nullable: true })
  deletedById: number | null = null;
}

export interface MedicamentWarning {
  kind: string;
  column: string | null;
  value: string | null;
  message: string;
}
