/** Sheet kind of the ministry workbook, stored as `Medicament.categorie`. */
export enum Categorie {
  NOMENCLATURE = 'NOMENCLATURE',
  NON_RENOUVELE = 'NON_RENOUVELE',
  RETRAIT = 'RETRAIT',
}

/** Normalised `TYPE` column: generic, reference (princeps) or biosimilar. */
export enum TypeMedicament {
  GE = 'GE',
  RE = 'RE',
  BIO = 'BIO',
}

/** Normalised `LISTE` column. */
export enum Liste {
  LISTE_I = 'LISTE_I',
  LISTE_II = 'LISTE_II',
  STUPEFIANTS = 'STUPEFIANTS',
}

/** Normalised `STATUT` column: F (fabriqué localement) or I (importé). */
export enum Statut {
  F = 'F',
  I = 'I',
}

/** Kinds of import warnings, counted per sheet in the import summary. */
export enum WarningKind {
  INVALID_DATE = 'INVALID_DATE',
  UNKNOWN_TYPE = 'UNKNOWN_TYPE',
  UNKNOWN_LISTE = 'UNKNOWN_LISTE',
  UNKNOWN_STATUT = 'UNKNOWN_STATUT',
  HEADER_WORD_IN_CELL = 'HEADER_WORD_IN_CELL',
  MISSING_VALUE = 'MISSING_VALUE',
  COUNT_MISMATCH = 'COUNT_MISMATCH',
  UNKNOWN_COLUMN = 'UNKNOWN_COLUMN',
  MISSING_COLUMN = 'MISSING_COLUMN',
  UNRECOGNISED_SHEET = 'UNRECOGNISED_SHEET',
}

/** One problem found in the workbook; `sheetRow` is null for sheet-level warnings. */
export interface ImportWarning {
  kind: WarningKind;
  sheet: string;
  sheetRow: number | null;
  column: string | null;
  value: string | null;
  message: string;
}

/** One data row, with normalised values beside the original cell text. */
export interface ParsedRow {
  sheetRow: number;
  n: string | null;
  numEnregistrement: string | null;
  code: string | null;
  dci: string | null;
  nomMarque: string | null;
  forme: string | null;
  dosage: string | null;
  conditionnement: string | null;
  liste: Liste | null;
  listeRaw: string | null;
  p1: string | null;
  p2: string | null;
  obs: string | null;
  laboratoire: string | null;
  paysLaboratoire: string | null;
  /** Calendar date `YYYY-MM-DD`, or null when the cell is empty or not a date. */
  dateEnregistrementInitial: string | null;
  dateEnregistrementInitialRaw: string | null;
  dateEnregistrementFinal: string | null;
  dateEnregistrementFinalRaw: string | null;
  typeMedicament: TypeMedicament | null;
  typeMedicamentRaw: string | null;
  statut: Statut | null;
  statutRaw: string | null;
  dureeStabilite: string | null;
  dateRetrait: string | null;
  dateRetraitRaw: string | null;
  motifRetrait: string | null;
  warnings: ImportWarning[];
}

/** One recognised sheet of the workbook. */
export interface ParsedSheet {
  name: string;
  categorie: Categorie;
  /** Plain text of the title (rich text flattened). */
  title: string;
  /** 1-based row number of the header row. */
  headerRow: number;
  /** Count printed in the title, such as "( 5094 DE)", or null when absent. */
  declaredCount: number | null;
  /** Version label `YYYY-MM-DD` read from the title ("AU 31 JUILLET 2025"), or null. */
  versionLabel: string | null;
  rows: ParsedRow[];
  /** Sheet-level warnings (count mismatch, unknown or missing columns). */
  warnings: ImportWarning[];
}

export interface UnrecognisedSheet {
  name: string;
  reason: string;
}

export interface ParsedWorkbook {
  sheets: ParsedSheet[];
  unrecognised: UnrecognisedSheet[];
  /** The label shared by the recognised sheet titles, or null when none gives one. */
  versionLabel: string | null;
}

export interface ParseOptions {
  /** Only parse the sheets with these names (compared trimmed and case-insensitively). */
  sheetNames?: string[];
  /** Called every few hundred rows so that a CLI can show progress. */
  onProgress?: (progress: { sheet: string; rows: number }) => void;
}
