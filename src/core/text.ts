/**
 * Folds text for search: accents removed, lower case, every run of characters other than
 * letters and digits turned into one space. "Paracétamol 500mg/5ML" becomes
 * "paracetamol 500mg 5ml". The same function feeds the stored search columns and the
 * query words, so matching behaves the same on SQLite and PostgreSQL.
 */
export function foldText(value: string | null | undefined): string {
  if (!value) return '';
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Splits text into folded words. */
export function foldWords(value: string | null | undefined): string[] {
  const folded = foldText(value);
  return folded ? folded.split(' ') : [];
}

/** Folded text padded with spaces, as stored, so `LIKE '% word%'` finds word prefixes. */
export function searchColumn(...values: (string | null | undefined)[]): string {
  const folded = values.map(foldText).filter(Boolean).join(' ');
  return folded ? ` ${folded} ` : '';
}
