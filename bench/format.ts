/** Number formats of the reports: English for the terminal, French for the Markdown page. */
export type Locale = 'en-US' | 'fr-FR';

export function formatNumber(value: number, digits: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
    .format(value)
    .replace(/[\u202f\u00a0]/g, ' ');
}

/** Milliseconds with two decimals below 10 ms and one above. */
export function formatMs(value: number, locale: Locale): string {
  return `${formatNumber(value, value < 10 ? 2 : 1, locale)} ms`;
}

/** Pads a table into aligned plain-text columns for the terminal. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
      )
      .join('  ');
  return [
    line(header),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map(line),
  ].join('\n');
}

/** Builds a Markdown table, the first column left-aligned and the others right-aligned. */
export function markdownTable(header: string[], rows: string[][]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const alignment = header.map((_, column) => (column === 0 ? '---' : '---:'));
  return [header, alignment, ...rows]
    .map((cells) => `| ${cells.map(escape).join(' | ')} |`)
    .join('\n');
}
