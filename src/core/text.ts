/**
 * Folds text for search: accents removed, lower case, every run of characters other than
 * letters and digits turned into one space. "Paracétamol 500mg/5ML" becomes
 * "paracetamol 500mg 5ml". The same function feeds the stored search columns and the
 * query words, so matching behaves the same on SQLite and PostgreSQL.
 */
export function foldText(value: string | null | undefined): string {
  if (!value) return '';
  let text = value.toLowerCase();
  // Most cells are plain ASCII, for which decomposition and ligatures change nothing, and
  // the import folds about 100,000 values.
  if (NON_ASCII.test(text)) {
    text = text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae');
  }
  return text.replace(/[^a-z0-9]+/g, ' ').trim();
}

const NON_ASCII = /[^\u0000-\u007f]/;

/** Splits text into folded words. */
export function foldWords(value: string | null | undefined): string[] {
  const folded = foldText(value);
  return folded ? folded.split(' ') : [];
}

/** Folded text padded with spaces, as stored, so `LIKE '% word%'` finds word prefixes. */
export function searchColumn(...values: (string | null | undefined)[]): string {
  return paddedSearchText(values.map(foldText));
}

/** Joins already folded values the way `searchColumn` stores them. */
export function paddedSearchText(folded: string[]): string {
  const joined = folded.filter(Boolean).join(' ');
  return joined ? ` ${joined} ` : '';
}
