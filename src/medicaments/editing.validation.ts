import { AppError } from '../core/errors';
import { searchColumn } from '../core/text';
import { Categorie, Liste, Statut, TypeMedicament } from '../import/workbook.types';
import type { Medicament } from './medicament.entity';

/** The columns an admin may set; the others are derived or belong to the import. */
export interface EditableFields {
  categorie: Categorie;
  numEnregistrement: string | null;
  code: string | null;
  dci: string | null;
  nomMarque: string | null;
  forme: string | null;
  dosage: string | null;
  conditionnement: string | null;
  liste: Liste | null;
  p1: string | null;
  p2: string | null;
  obs: string | null;
  laboratoire: string | null;
  paysLaboratoire: string | null;
  dateEnregistrementInitial: string | null;
  dateEnregistrementFinal: string | null;
  typeMedicament: TypeMedicament | null;
  statut: Statut | null;
  dureeStabilite: string | null;
  dateRetrait: string | null;
  motifRetrait: string | null;
}

export type EditInput = { [Field in keyof EditableFields]?: EditableFields[Field] | null };

/** Stored values an edit writes: the fields given, their `...Raw` text and search columns. */
export type EditValues = Partial<Omit<Medicament, 'id'>>;

const TEXT_FIELDS = [
  'numEnregistrement',
  'code',
  'dci',
  'nomMarque',
  'forme',
  'dosage',
  'conditionnement',
  'p1',
  'p2',
  'obs',
  'laboratoire',
  'paysLaboratoire',
  'dureeStabilite',
  'motifRetrait',
] as const;

const REQUIRED_FIELDS = ['numEnregistrement', 'nomMarque', 'dci'] as const;

const DATE_FIELDS = [
  'dateEnregistrementInitial',
  'dateEnregistrementFinal',
  'dateRetrait',
] as const;

const ENUM_FIELDS = {
  categorie: Categorie,
  liste: Liste,
  typeMedicament: TypeMedicament,
  statut: Statut,
} as const;

/**
 * Maximum length of one text column, in characters. The longest cell of the July 2025
 * workbook has 574.
 */
export const MAX_TEXT_LENGTH = 2000;

/** Text stored in `listeRaw` for a list chosen by an admin, in the workbook's spelling. */
const LISTE_TEXT: Record<Liste, string> = {
  LISTE_I: 'LISTE I',
  LISTE_II: 'LISTE II',
  STUPEFIANTS: 'STUPEFIANTS',
};

interface Problem {
  field: string;
  message: string;
}

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  return date.getUTCMonth() === +match[2] - 1 && date.getUTCDate() === +match[3];
}

function checkText(input: EditInput, values: EditValues, problems: Problem[]): void {
  for (const field of TEXT_FIELDS) {
    const raw = input[field];
    if (raw === undefined) continue;
    const text = raw === null ? null : String(raw).trim() || null;
    if (text !== null && text.length > MAX_TEXT_LENGTH) {
      problems.push({ field, message: `${field} dépasse ${MAX_TEXT_LENGTH} caractères` });
    }
    values[field] = text;
  }
}

function checkRequired(values: EditValues, creating: boolean, problems: Problem[]): void {
  for (const field of REQUIRED_FIELDS) {
    const missing = creating ? !values[field] : values[field] === null;
    if (missing) problems.push({ field, message: `${field} est obligatoire` });
  }
}

function checkDates(input: EditInput, values: EditValues, problems: Problem[]): void {
  for (const field of DATE_FIELDS) {
    const raw = input[field];
    if (raw === undefined) continue;
    const text = raw === null ? null : String(raw).trim() || null;
    if (text !== null && !isCalendarDate(text)) {
      problems.push({
        field,
        message: `${field} invalide « ${text} » : format attendu AAAA-MM-JJ`,
      });
    }
    values[field] = text;
    values[`${field}Raw`] = text;
  }
}

function checkEnums(input: EditInput, values: EditValues, problems: Problem[]): void {
  for (const [field, allowed] of Object.entries(ENUM_FIELDS)) {
    const raw = input[field as keyof typeof ENUM_FIELDS];
    if (raw === undefined) continue;
    if (raw !== null && !Object.values(allowed).includes(raw)) {
      const choices = Object.values(allowed).join(', ');
      problems.push({
        field,
        message: `${field} invalide « ${raw} » : valeurs admises ${choices}`,
      });
    }
    if (field === 'categorie' && raw === null) {
      problems.push({ field, message: 'categorie est obligatoire' });
    }
    Object.assign(values, { [field]: raw });
  }
  if (input.liste !== undefined) values.listeRaw = input.liste ? LISTE_TEXT[input.liste] : null;
  if (input.typeMedicament !== undefined) values.typeMedicamentRaw = input.typeMedicament ?? null;
  if (input.statut !== undefined) values.statutRaw = input.statut ?? null;
}

/**
 * Checks an admin's input and turns it into stored values. On create, missing fields are
 * empty and `categorie` defaults to NOMENCLATURE; on update, only the given fields change.
 * Every problem is reported at once as BAD_USER_INPUT, with `extensions.fields`.
 */
export function validateEdit(input: EditInput, creating: boolean): EditValues {
  const problems: Problem[] = [];
  const values: EditValues = {};
  checkText(input, values, problems);
  checkRequired(values, creating, problems);
  checkDates(input, values, problems);
  checkEnums(input, values, problems);
  if (creating) values.categorie ??= Categorie.NOMENCLATURE;

  if (problems.length > 0) {
    throw AppError.badInput(
      `Médicament invalide : ${problems.map((problem) => problem.message).join(' ; ')}.`,
      { fields: problems },
    );
  }
  return values;
}

type SearchSource = Pick<
  Medicament,
  'dci' | 'nomMarque' | 'code' | 'numEnregistrement' | 'laboratoire' | 'paysLaboratoire'
>;

/** Computes the folded search columns of a row as the import does. */
export function searchColumnsOf(row: SearchSource): EditValues {
  return {
    searchText: searchColumn(
      row.dci,
      row.nomMarque,
      row.code,
      row.numEnregistrement,
      row.laboratoire,
    ),
    dciSearch: searchColumn(row.dci),
    nomMarqueSearch: searchColumn(row.nomMarque),
    codeSearch: searchColumn(row.code),
    numEnregistrementSearch: searchColumn(row.numEnregistrement),
    laboratoireSearch: searchColumn(row.laboratoire),
    paysLaboratoireSearch: searchColumn(row.paysLaboratoire),
  };
}
