import { calendarDate } from './cell-values';
import { foldText } from './normalizers';
import { Categorie } from './workbook.types';

/** Category read from a title or sheet name, with `ambiguous` set when several categories match. */
export interface CategoryMatch {
  categorie: Categorie | null;
  ambiguous: boolean;
}

interface CategoryPattern {
  categorie: Categorie;
  pattern: RegExp;
}

// Patterns apply to folded text (see foldText), so accents and case do not matter.
const TITLE_PATTERNS: CategoryPattern[] = [
  { categorie: Categorie.NOMENCLATURE, pattern: /\bNOMENCLATURE NATIONALE\b/ },
  { categorie: Categorie.NON_RENOUVELE, pattern: /\bNON RENOUVEL|\bRENOUVELLEMENT\b/ },
  { categorie: Categorie.RETRAIT, pattern: /\bRETRAIT/ },
];

const SHEET_NAME_PATTERNS: CategoryPattern[] = [
  { categorie: Categorie.NOMENCLATURE, pattern: /\bNOMENCLATURE\b/ },
  { categorie: Categorie.NON_RENOUVELE, pattern: /\bNON RENOUVEL|\bRENOUVELLEMENT\b/ },
  { categorie: Categorie.RETRAIT, pattern: /\bRETRAIT/ },
];

const FRENCH_MONTHS = [
  'JANVIER',
  'FEVRIER',
  'MARS',
  'AVRIL',
  'MAI',
  'JUIN',
  'JUILLET',
  'AOUT',
  'SEPTEMBRE',
  'OCTOBRE',
  'NOVEMBRE',
  'DECEMBRE',
];

// "AU 31 JUILLET 2025" or "AU 1ER AOUT 2025" once folded.
const NAMED_MONTH_LABEL = new RegExp(
  `\\bAU (\\d{1,2})(?: ?ER)? (${FRENCH_MONTHS.join('|')}) (\\d{4})\\b`,
);
// "AU 31/07/2025", folded to "AU 31 07 2025".
const NUMERIC_LABEL = /\bAU (\d{1,2}) (\d{1,2}) (\d{4})\b/;
// "( 5094 DE)", "(5094DE)" or "(5 094 D.E)" in the raw title.
const DECLARED_COUNT = /\(\s*(\d[\d\s.\u202f]*?)\s*D\s*\.?\s*E\s*\.?\s*\)/i;

function matchCategory(text: string, patterns: CategoryPattern[]): CategoryMatch {
  const folded = foldText(text);
  const matches = patterns.filter(({ pattern }) => pattern.test(folded));
  if (matches.length === 1) {
    return { categorie: matches[0].categorie, ambiguous: false };
  }
  return { categorie: null, ambiguous: matches.length > 1 };
}

/** Reads the category from a sheet title ("NOMENCLATURE NATIONALE...", "...RETRAIT..."). */
export function categoryFromTitle(title: string): CategoryMatch {
  return matchCategory(title, TITLE_PATTERNS);
}

/** Reads the category from a sheet name, used when the title does not give one. */
export function categoryFromSheetName(name: string): CategoryMatch {
  return matchCategory(name, SHEET_NAME_PATTERNS);
}

/** Reads the row count printed in a title, such as 5094 in "( 5094 DE)". */
export function parseDeclaredCount(title: string): number | null {
  const match = DECLARED_COUNT.exec(title);
  if (match === null) {
    return null;
  }
  return Number(match[1].replace(/\D/g, ''));
}

/** Reads the version label `YYYY-MM-DD` from "AU 31 JUILLET 2025" in a title, or null. */
export function parseVersionLabel(title: string): string | null {
  const folded = foldText(title);
  const named = NAMED_MONTH_LABEL.exec(folded);
  if (named !== null) {
    const month = FRENCH_MONTHS.indexOf(named[2]) + 1;
    return calendarDate(Number(named[3]), month, Number(named[1]));
  }
  const numeric = NUMERIC_LABEL.exec(folded);
  if (numeric !== null) {
    return calendarDate(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
  }
  return null;
}

/** Checks whether a line above the header looks like a title without a category keyword. */
export function looksLikeTitle(text: string): boolean {
  return parseVersionLabel(text) !== null || parseDeclaredCount(text) !== null;
}
