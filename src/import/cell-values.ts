import type { CellValue } from 'exceljs';

/** A date column read from one cell: `date` is `YYYY-MM-DD` or null, `raw` the cell text. */
export interface DateCell {
  date: string | null;
  raw: string | null;
  /** False when the cell contains something that is not a calendar date. */
  valid: boolean;
}

const MS_PER_DAY = 86_400_000;
// Serial 1 is 1900-01-01 and Excel counts a 29 February 1900 that never existed (serial 60),
// so serials from 61 on are days since 1899-12-30 and smaller ones days since 1899-12-31.
const EXCEL_EPOCH_AFTER_LEAP_BUG = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_BEFORE_LEAP_BUG = Date.UTC(1899, 11, 31);
const EXCEL_FICTITIOUS_LEAP_DAY = 60;
// Serial of 9999-12-31, the last date Excel can show.
const EXCEL_MAX_SERIAL = 2_958_465;
const FRENCH_DATE_PATTERN = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Formats a date as `YYYY-MM-DD` from its UTC fields, because exceljs returns date cells as
 * UTC midnight and local getters would shift the day in timezones west of UTC.
 */
export function formatUtcDate(date: Date): string | null {
  if (Number.isNaN(date.getTime())) {
    return null;
  }
  const year = pad(date.getUTCFullYear(), 4);
  return `${year}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/**
 * Formats a number with at most 15 significant digits, the precision Excel keeps, so that
 * 0.1 + 0.2 stored as 0.30000000000000004 reads "0.3".
 */
export function numberToText(value: number): string {
  return String(Number(value.toPrecision(15)));
}

/** Converts an Excel serial day number (1900 date system) to `YYYY-MM-DD`, or null. */
export function excelSerialToIsoDate(serial: number): string | null {
  const day = Math.floor(serial);
  if (!Number.isFinite(serial) || day < 1 || day > EXCEL_MAX_SERIAL) {
    return null;
  }
  if (day === EXCEL_FICTITIOUS_LEAP_DAY) {
    return null;
  }
  const epoch =
    day < EXCEL_FICTITIOUS_LEAP_DAY ? EXCEL_EPOCH_BEFORE_LEAP_BUG : EXCEL_EPOCH_AFTER_LEAP_BUG;
  return formatUtcDate(new Date(epoch + day * MS_PER_DAY));
}

/** Formats a year, month (1-12) and day as `YYYY-MM-DD`, or null when no such day exists. */
export function calendarDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  const isSameDay =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return isSameDay ? formatUtcDate(date) : null;
}

/** Parses a French `dd/mm/yyyy` date (also `dd-mm-yyyy`, `dd.mm.yyyy`); null when invalid. */
export function parseFrenchDate(text: string): string | null {
  const match = FRENCH_DATE_PATTERN.exec(text.trim());
  if (match === null) {
    return null;
  }
  return calendarDate(Number(match[3]), Number(match[2]), Number(match[1]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}

/** Replaces a formula cell by its cached result, which is what Excel displays. */
function unwrapFormula(value: CellValue): CellValue {
  if (isObject(value) && ('formula' in value || 'sharedFormula' in value)) {
    return (value.result as CellValue) ?? null;
  }
  return value;
}

function objectToText(value: Record<string, unknown>): string {
  if (Array.isArray(value.richText)) {
    return value.richText.map((run: { text?: string }) => run.text ?? '').join('');
  }
  if (typeof value.text === 'string') {
    return value.text;
  }
  if (typeof value.error === 'string') {
    return value.error;
  }
  return '';
}

/**
 * Converts any exceljs cell value to text with its ends trimmed, or null when the cell is
 * empty or blank. Rich text is flattened, formulas give their result, dates give `YYYY-MM-DD`.
 */
export function cellToText(value: CellValue): string | null {
  const content = unwrapFormula(value);
  let text: string | null;
  if (content === null || content === undefined) {
    text = null;
  } else if (typeof content === 'string') {
    text = content;
  } else if (typeof content === 'number') {
    text = numberToText(content);
  } else if (typeof content === 'boolean') {
    // Spelled as French Excel displays booleans.
    text = content ? 'VRAI' : 'FAUX';
  } else if (content instanceof Date) {
    text = formatUtcDate(content);
  } else {
    text = objectToText(content as unknown as Record<string, unknown>);
  }
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/**
 * Reads a date column: Date cells and Excel serial numbers are converted, `dd/mm/yyyy` text is
 * parsed, and anything else keeps its text in `raw` with `valid` false.
 */
export function readDateCell(value: CellValue): DateCell {
  const content = unwrapFormula(value);
  const raw = cellToText(content);
  if (raw === null) {
    // Only an invalid Date object gives no text while not being empty.
    return { date: null, raw: null, valid: !(content instanceof Date) };
  }
  let date: string | null;
  if (content instanceof Date) {
    date = formatUtcDate(content);
  } else if (typeof content === 'number') {
    // NOTE: this assumes the 1900 date system. A workbook saved with the 1904 system would
    // shift plain serial numbers by 1462 days, while Date cells are already converted by exceljs.
    date = excelSerialToIsoDate(content);
  } else {
    date = parseFrenchDate(raw);
  }
  return { date, raw, valid: date !== null };
}
