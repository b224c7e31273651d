import type { Medicament } from './medicament.entity';

/** A medicament as read by queries: every stored column but the search columns. */
export type MedicamentRecord = Omit<
  Medicament,
  | 'searchText'
  | 'dciSearch'
  | 'nomMarqueSearch'
  | 'codeSearch'
  | 'numEnregistrementSearch'
  | 'laboratoireSearch'
  | 'paysLaboratoireSearch'
>;

/** Property name to SQL column, for the columns that queries return. */
export const RECORD_COLUMNS: Readonly<Record<keyof MedicamentRecord, string>> = {
  id: 'id',
  version: 'version',
  categorie: 'categorie',
  sheetRow: 'sheet_row',
  importLogId: 'import_log_id',
  n: 'n',
  numEnregistrement: 'num_enregistrement',
  code: 'code',
  dci: 'dci',
  nomMarque: 'nom_marque',
  forme: 'forme',
  dosage: 'dosage',
  conditionnement: 'conditionnement',
  liste: 'liste',
  listeRaw: 'liste_raw',
  p1: 'p1',
  p2: 'p2',
  obs: 'obs',
  laboratoire: 'laboratoire',
  paysLaboratoire: 'pays_laboratoire',
  dateEnregistrementInitial: 'date_enregistrement_initial',
  dateEnregistrementInitialRaw: 'date_enregistrement_initial_raw',
  dateEnregistrementFinal: 'date_enregistrement_final',
  dateEnregistrementFinalRaw: 'date_enregistrement_final_raw',
  typeMedicament: 'type_medicament',
  typeMedicamentRaw: 'type_medicament_raw',
  statut: 'statut',
  statutRaw: 'statut_raw',
  dureeStabilite: 'duree_stabilite',
  dateRetrait: 'date_retrait',
  dateRetraitRaw: 'date_retrait_raw',
  motifRetrait: 'motif_retrait',
  warnings: 'warnings',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  createdById: 'created_by_id',
  updatedById: 'updated_by_id',
  deletedAt: 'deleted_at',
  deletedById: 'deleted_by_id',
};

/** Knex select map (alias to column) that returns rows keyed by property name. */
export function recordSelectList(tableAlias = ''): Record<string, string> {
  const prefix = tableAlias ? `${tableAlias}.` : '';
  return Object.fromEntries(
    Object.entries(RECORD_COLUMNS).map(([property, column]) => [property, `${prefix}${column}`]),
  );
}

function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number),
  );
}

/** Turns a raw row into a record: JSON parsed and timestamps as `Date`, on both drivers. */
export function toRecord(row: Record<string, unknown>): MedicamentRecord {
  const record = row as unknown as MedicamentRecord;
  const warnings = typeof row.warnings === 'string' ? JSON.parse(row.warnings) : row.warnings;
  record.warnings = warnings ?? [];
  record.createdAt = toDate(row.createdAt) as Date;
  record.updatedAt = toDate(row.updatedAt) as Date;
  record.deletedAt = toDate(row.deletedAt);
  record.id = Number(row.id);
  return record;
}
