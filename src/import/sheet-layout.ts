import { foldText } from './normalizers';
import { Categorie, ParsedRow } from './workbook.types';

/** Fields of `ParsedRow` that come straight from one column. */
export type ColumnField = keyof Pick<
  ParsedRow,
  | 'n'
  | 'numEnregistrement'
  | 'code'
  | 'dci'
  | 'nomMarque'
  | 'forme'
  | 'dosage'
  | 'conditionnement'
  | 'liste'
  | 'p1'
  | 'p2'
  | 'obs'
  | 'laboratoire'
  | 'paysLaboratoire'
  | 'dateEnregistrementInitial'
  | 'dateEnregistrementFinal'
  | 'typeMedicament'
  | 'statut'
  | 'dureeStabilite'
  | 'dateRetrait'
  | 'motifRetrait'
>;

interface ColumnDefinition {
  field: ColumnField;
  /** Header as the ministry workbook spells it, used in warning messages. */
  label: string;
  /** Tested on the folded header text (see foldText). */
  pattern: RegExp;
}

// Order matters because the first matching definition wins: the date and laboratory headers
// also contain "ENREGISTREMENT", so they are tried before N°ENREGISTREMENT. A bare
// "DATE D'ENREGISTREMENT" is taken for the initial registration date.
const COLUMN_DEFINITIONS: ColumnDefinition[] = [
  {
    field: 'dateEnregistrementInitial',
    label: "DATE D'ENREGISTREMENT INITIAL",
    pattern: /^DATE\b.*\b(INITIAL|ENREGISTREMENT$)/,
  },
  {
    field: 'dateEnregistrementFinal',
    label: "DATE D'ENREGISTREMENT FINAL",
    pattern: /^DATE\b.*\bFINAL/,
  },
  { field: 'dateRetrait', label: 'DATE DE RETRAIT', pattern: /^DATE\b.*\bRETRAIT/ },
  { field: 'motifRetrait', label: 'MOTIF DE RETRAIT', pattern: /^MOTIF\b/ },
  { field: 'paysLaboratoire', label: 'PAYS DU LABORATOIRE', pattern: /^PAYS\b/ },
  { field: 'laboratoire', label: 'LABORATOIRE', pattern: /\bLABO/ },
  { field: 'numEnregistrement', label: 'N°ENREGISTREMENT', pattern: /\bENREGISTREMENT$/ },
  { field: 'n', label: 'N°', pattern: /^(N|NO|NUM|NUMERO)( D ORDRE| ORDRE)?$/ },
  { field: 'code', label: 'CODE', pattern: /^CODE\b/ },
  { field: 'dci', label: 'DCI', pattern: /^DCI\b|\bDENOMINATION COMMUNE\b/ },
  { field: 'nomMarque', label: 'NOM DE MARQUE', pattern: /\bMARQUE\b/ },
  { field: 'forme', label: 'FORME', pattern: /^FORMES?\b/ },
  { field: 'dosage', label: 'DOSAGE', pattern: /^DOSAGES?\b/ },
  { field: 'conditionnement', label: 'CONDITIONNEMENT', pattern: /^COND(ITIONNEMENTS?)?\b/ },
  { field: 'liste', label: 'LISTE', pattern: /^LISTE$/ },
  { field: 'p1', label: 'P1', pattern: /^P ?1$/ },
  { field: 'p2', label: 'P2', pattern: /^P ?2$/ },
  { field: 'obs', label: 'OBS', pattern: /^OBS(ERVATIONS?)?\b/ },
  { field: 'typeMedicament', label: 'TYPE', pattern: /^TYPE\b/ },
  { field: 'statut', label: 'STATUT', pattern: /^STATUT\b/ },
  { field: 'dureeStabilite', label: 'DUREE DE STABILITE', pattern: /\bSTABILITE\b/ },
];

const LABELS = new Map(COLUMN_DEFINITIONS.map(({ field, label }) => [field, label]));

/** Columns without which a sheet is not recognised. */
export const KEY_FIELDS: readonly ColumnField[] = ['numEnregistrement', 'nomMarque'];

const COMMON_FIELDS: ColumnField[] = [
  'n',
  'numEnregistrement',
  'code',
  'dci',
  'nomMarque',
  'forme',
  'dosage',
  'conditionnement',
  'liste',
  'p1',
  'p2',
  'laboratoire',
  'paysLaboratoire',
  'dateEnregistrementInitial',
  'typeMedicament',
  'statut',
];

// Columns of the July 2025 workbook: only Retraits has the withdrawal columns and lacks OBS and
// the final registration date, and only the Nomenclature sheet has the stability column.
const EXPECTED_FIELDS: Record<Categorie, readonly ColumnField[]> = {
  NOMENCLATURE: [...COMMON_FIELDS, 'obs', 'dateEnregistrementFinal', 'dureeStabilite'],
  NON_RENOUVELE: [...COMMON_FIELDS, 'obs', 'dateEnregistrementFinal'],
  RETRAIT: [...COMMON_FIELDS, 'dateRetrait', 'motifRetrait'],
};

// Fewer matching cells than this and a row is not taken for the header. A data row that
// repeats header words by mistake has at most three of them in the July 2025 workbook.
const MIN_HEADER_FIELDS = 4;

// Header words often found in cells by mistake, besides the sheet's own header texts.
const EXTRA_HEADER_WORDS = [
  'DENOMINATION COMMUNE INTERNATIONALE',
  'OBSERVATIONS',
  'CONDITIONNEMENT',
];
// Shorter header texts ("N", "P1") are too likely to be real cell values.
const MIN_HEADER_WORD_LENGTH = 3;

/** One column of the header row that maps to a `ParsedRow` field. */
export interface MappedColumn {
  /** 1-based column number, as in exceljs `row.values`. */
  index: number;
  field: ColumnField;
  /** Header text as written in the sheet, ends trimmed. */
  header: string;
}

/** Mapping of the cells of a header row to fields. */
export interface HeaderLayout {
  columns: MappedColumn[];
  /** Non-empty header cells that match no field. */
  unknown: Array<{ index: number; header: string }>;
  /** Header cells matching a field that an earlier column already provides. */
  duplicates: MappedColumn[];
}

/** Returns the field a header text belongs to, or null. */
export function fieldOfHeader(header: string): ColumnField | null {
  const folded = foldText(header);
  return COLUMN_DEFINITIONS.find(({ pattern }) => pattern.test(folded))?.field ?? null;
}

/** Maps the cell texts of a candidate header row (index = column number) to fields. */
export function mapHeaderCells(cells: ReadonlyArray<string | null>): HeaderLayout {
  const layout: HeaderLayout = { columns: [], unknown: [], duplicates: [] };
  const seen = new Set<ColumnField>();
  cells.forEach((header, index) => {
    if (header === null) {
      return;
    }
    const field = fieldOfHeader(header);
    if (field === null) {
      layout.unknown.push({ index, header });
    } else if (seen.has(field)) {
      layout.duplicates.push({ index, field, header });
    } else {
      seen.add(field);
      layout.columns.push({ index, field, header });
    }
  });
  return layout;
}

/** Checks whether a mapped row has enough known header texts to be the header row. */
export function isHeaderLayout(layout: HeaderLayout): boolean {
  return layout.columns.length >= MIN_HEADER_FIELDS;
}

function missingFields(layout: HeaderLayout, fields: readonly ColumnField[]): ColumnField[] {
  const present = new Set(layout.columns.map(({ field }) => field));
  return fields.filter((field) => !present.has(field));
}

/** Lists the key fields absent from the header. A sheet missing any of them is not recognised. */
export function missingKeyFields(layout: HeaderLayout): ColumnField[] {
  return missingFields(layout, KEY_FIELDS);
}

/** Lists the fields that the category usually has and the header lacks. */
export function missingExpectedFields(layout: HeaderLayout, categorie: Categorie): ColumnField[] {
  return missingFields(layout, EXPECTED_FIELDS[categorie]);
}

/** Returns the header label of a field as the ministry spells it ("N°ENREGISTREMENT"). */
export function labelOf(field: ColumnField): string {
  return LABELS.get(field) ?? field;
}

/** Returns the folded header texts that should not appear as cell values in this sheet. */
export function headerWords(layout: HeaderLayout): Set<string> {
  const texts = [
    ...layout.columns.map(({ header }) => header),
    ...layout.unknown.map(({ header }) => header),
    ...COLUMN_DEFINITIONS.map(({ label }) => label),
    ...EXTRA_HEADER_WORDS,
  ];
  const folded = texts.map(foldText).filter((text) => text.length >= MIN_HEADER_WORD_LENGTH);
  return new Set(folded);
}
