import { cellToText } from './cell-values';
import {
  countMismatchWarning,
  duplicateColumnWarning,
  missingColumnWarning,
  unknownColumnWarning,
} from './import-warnings';
import { parseDataRow, RowContext } from './row-parser';
import {
  HeaderLayout,
  headerWords,
  isHeaderLayout,
  labelOf,
  mapHeaderCells,
  missingExpectedFields,
  missingKeyFields,
} from './sheet-layout';
import {
  categoryFromSheetName,
  categoryFromTitle,
  CategoryMatch,
  looksLikeTitle,
  parseDeclaredCount,
  parseVersionLabel,
} from './sheet-title';
import type { StreamedRow } from './workbook-stream';
import {
  Categorie,
  ImportWarning,
  ParsedRow,
  ParsedSheet,
  UnrecognisedSheet,
} from './workbook.types';

/** The header row must be within this many rows from the top of the sheet. */
export const MAX_HEADER_ROW = 50;

export type SheetOutcome =
  { recognised: true; sheet: ParsedSheet } | { recognised: false; sheet: UnrecognisedSheet };

interface TitleLine {
  text: string;
  match: CategoryMatch;
}

interface RecognisedLayout {
  categorie: Categorie;
  title: string;
  headerRow: number;
  layout: HeaderLayout;
  context: RowContext;
}

/** Picks the title among the lines above the header: the first one naming a category. */
function pickTitle(lines: readonly string[]): TitleLine {
  for (const text of lines) {
    const match = categoryFromTitle(text);
    if (match.categorie !== null || match.ambiguous) {
      return { text, match };
    }
  }
  const text = lines.find(looksLikeTitle) ?? '';
  return { text, match: { categorie: null, ambiguous: false } };
}

function categoryReason(title: TitleLine): string {
  const reason =
    "ni le titre ni le nom de la feuille n'indiquent s'il s'agit de la nomenclature, " +
    'des produits non renouvelés ou des retraits';
  return title.match.ambiguous ? `${reason} (titre ambigu « ${title.text} »)` : reason;
}

/**
 * Reads one worksheet row by row: finds the title and header among the first rows, decides
 * the category, then turns every non-empty row below the header into a ParsedRow.
 */
export class SheetParser {
  private readonly lines: string[] = [];
  private recognised: RecognisedLayout | null = null;
  private reason: string | null = null;
  private sawContent = false;
  readonly rows: ParsedRow[] = [];

  constructor(readonly name: string) {}

  /** Consumes one row and returns false once the rest of the sheet is of no use. */
  accept(row: StreamedRow): boolean {
    if (this.recognised !== null) {
      const parsed = parseDataRow(this.recognised.context, row.number, row.values);
      if (parsed !== null) {
        this.rows.push(parsed);
      }
      return true;
    }
    if (row.number > MAX_HEADER_ROW) {
      return false;
    }
    return this.acceptPreamble(row);
  }

  private acceptPreamble(row: StreamedRow): boolean {
    const cells = row.values.map((value) => cellToText(value));
    const layout = mapHeaderCells(cells);
    if (isHeaderLayout(layout)) {
      this.recognised = this.recognise(row.number, layout);
      return this.recognised !== null;
    }
    const line = cells.filter((cell) => cell !== null).join(' ');
    if (line !== '') {
      this.sawContent = true;
      this.lines.push(line);
    }
    return true;
  }

  private recognise(headerRow: number, layout: HeaderLayout): RecognisedLayout | null {
    const missing = missingKeyFields(layout);
    if (missing.length > 0) {
      const labels = missing.map(labelOf).join(', ');
      this.reason = `la ligne d'en-tête ${headerRow} n'a pas de colonne ${labels}`;
      return null;
    }
    const title = pickTitle(this.lines);
    const categorie = title.match.categorie ?? categoryFromSheetName(this.name).categorie;
    if (categorie === null) {
      this.reason = categoryReason(title);
      return null;
    }
    const context = { sheet: this.name, columns: layout.columns, headerWords: headerWords(layout) };
    return { categorie, title: title.text, headerRow, layout, context };
  }

  /** Returns the parsed sheet, or the reason it was not recognised. */
  finish(): SheetOutcome {
    if (this.recognised === null) {
      return { recognised: false, sheet: { name: this.name, reason: this.unrecognisedReason() } };
    }
    const { categorie, title, headerRow } = this.recognised;
    const sheet: ParsedSheet = {
      name: this.name,
      categorie,
      title,
      headerRow,
      declaredCount: parseDeclaredCount(title),
      versionLabel: parseVersionLabel(title),
      rows: this.rows,
      warnings: [],
    };
    sheet.warnings = this.sheetWarnings(sheet);
    return { recognised: true, sheet };
  }

  private unrecognisedReason(): string {
    if (this.reason !== null) {
      return this.reason;
    }
    if (!this.sawContent) {
      return 'la feuille est vide';
    }
    return (
      `aucune ligne d'en-tête dans les ${MAX_HEADER_ROW} premières lignes ` +
      '(il faut au moins les colonnes N°ENREGISTREMENT et NOM DE MARQUE)'
    );
  }

  private sheetWarnings(sheet: ParsedSheet): ImportWarning[] {
    const { layout, categorie } = this.recognised as RecognisedLayout;
    const warnings = layout.unknown.map(({ header }) => unknownColumnWarning(sheet.name, header));
    for (const duplicate of layout.duplicates) {
      const first = layout.columns.find(({ field }) => field === duplicate.field);
      warnings.push(duplicateColumnWarning(sheet.name, duplicate.header, first?.header ?? ''));
    }
    for (const field of missingExpectedFields(layout, categorie)) {
      warnings.push(missingColumnWarning(sheet.name, labelOf(field)));
    }
    if (sheet.declaredCount !== null && sheet.declaredCount !== sheet.rows.length) {
      warnings.push(countMismatchWarning(sheet.name, sheet.declaredCount, sheet.rows.length));
    }
    return warnings;
  }
}
