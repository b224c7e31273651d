import { Liste, Statut, TypeMedicament } from './workbook.types';

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Folds text for comparisons: accents stripped, upper case, and every run of punctuation or
 * whitespace replaced by one space. "N°ENREGISTREMENT" and "n° enregistrement" both fold to
 * "N ENREGISTREMENT".
 */
export function foldText(text: string): string {
  // Plain ASCII text, the bulk of the cells, needs no NFD pass, which is the costly step.
  const base = NON_ASCII.test(text) ? text.normalize('NFD').replace(/\p{M}/gu, '') : text;
  return base
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** Result of normalising a coded column: `recognised` is false for non-empty unknown text. */
export interface Normalised<T> {
  value: T | null;
  recognised: boolean;
}

const TYPE_SPELLINGS: ReadonlyMap<string, TypeMedicament> = new Map([
  ['GE', TypeMedicament.GE],
  ['G', TypeMedicament.GE],
  ['GENERIQUE', TypeMedicament.GE],
  ['RE', TypeMedicament.RE],
  ['R', TypeMedicament.RE],
  ['REFERENCE', TypeMedicament.RE],
  ['PRINCEPS', TypeMedicament.RE],
  ['BIO', TypeMedicament.BIO],
  ['BIOS', TypeMedicament.BIO],
  ['B', TypeMedicament.BIO],
  ['BIOSIMILAIRE', TypeMedicament.BIO],
]);

const STATUT_SPELLINGS: ReadonlyMap<string, Statut> = new Map([
  ['F', Statut.F],
  ['I', Statut.I],
]);

// Each letter may be repeated because the workbook contains typos such as "Liiste II".
const LISTE_PATTERN = /^L+I+S+T+E+ ?(II|I|2|1)$/;
const STUPEFIANTS_PATTERN = /^S+T+U+P+E+F+I+A+N+T+S*$/;

function lookUp<T>(spellings: ReadonlyMap<string, T>, raw: string | null): Normalised<T> {
  const folded = raw === null ? '' : foldText(raw);
  if (folded === '') {
    return { value: null, recognised: true };
  }
  const value = spellings.get(folded) ?? null;
  return { value, recognised: value !== null };
}

/** Normalises the TYPE column ("Gé", "RE ", "Biosimilaire"...). */
export function normalizeTypeMedicament(raw: string | null): Normalised<TypeMedicament> {
  return lookUp(TYPE_SPELLINGS, raw);
}

/** Normalises the STATUT column ("F", "i", "I "...). */
export function normalizeStatut(raw: string | null): Normalised<Statut> {
  return lookUp(STATUT_SPELLINGS, raw);
}

/** Normalises the LISTE column ("Liste I", "Liiste II", "StupEfiants"...). */
export function normalizeListe(raw: string | null): Normalised<Liste> {
  const folded = raw === null ? '' : foldText(raw);
  if (folded === '') {
    return { value: null, recognised: true };
  }
  if (STUPEFIANTS_PATTERN.test(folded)) {
    return { value: Liste.STUPEFIANTS, recognised: true };
  }
  const match = LISTE_PATTERN.exec(folded);
  if (match === null) {
    return { value: null, recognised: false };
  }
  const isListeOne = match[1] === 'I' || match[1] === '1';
  return { value: isListeOne ? Liste.LISTE_I : Liste.LISTE_II, recognised: true };
}
