import { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { AppError } from '../core/errors';
import { SheetOutcome, SheetParser } from './sheet-parser';
import {
  corruptWorkbook,
  duplicateCategory,
  fileNotFound,
  fileUnreadable,
  noRecognisedSheet,
  notXlsx,
  sheetNotFound,
  versionMismatch,
  workbookTooLarge,
} from './workbook-rejections';
import { StreamedWorksheet, streamWorksheets, WorkbookStreamError } from './workbook-stream';
import {
  Categorie,
  ParsedSheet,
  ParsedWorkbook,
  ParseOptions,
  UnrecognisedSheet,
} from './workbook.types';
import { verifyZipIntegrity } from './zip-integrity';
import { ZipIntegrityError } from './zip-directory';

const CATEGORY_ORDER: readonly Categorie[] = [
  Categorie.NOMENCLATURE,
  Categorie.NON_RENOUVELE,
  Categorie.RETRAIT,
];
const PROGRESS_INTERVAL = 500;
const WORKBOOK_ENTRY = 'xl/workbook.xml';

interface StreamResult {
  names: string[];
  sheets: ParsedSheet[];
  unrecognised: UnrecognisedSheet[];
}

function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function describeSystemError(error: unknown): string {
  const code = errorCode(error);
  if (code === 'EACCES' || code === 'EPERM') {
    return 'accès refusé';
  }
  return `erreur système ${code ?? String(error)}`;
}

async function checkFile(filePath: string): Promise<void> {
  let stats: Stats;
  try {
    stats = await stat(filePath);
  } catch (error) {
    throw errorCode(error) === 'ENOENT'
      ? fileNotFound(filePath)
      : fileUnreadable(filePath, describeSystemError(error));
  }
  if (!stats.isFile()) {
    throw fileUnreadable(filePath, "ce chemin n'est pas un fichier");
  }
}

async function checkArchive(filePath: string): Promise<void> {
  let entries: string[];
  try {
    entries = await verifyZipIntegrity(filePath);
  } catch (error) {
    if (!(error instanceof ZipIntegrityError)) {
      throw fileUnreadable(filePath, describeSystemError(error));
    }
    if (error.problem === 'TOO_LARGE') throw workbookTooLarge(filePath, error.detail);
    const isDamaged = error.problem === 'TRUNCATED' || error.problem === 'CORRUPT';
    throw isDamaged ? corruptWorkbook(filePath, error.detail) : notXlsx(filePath, error.detail);
  }
  if (!entries.includes(WORKBOOK_ENTRY)) {
    throw notXlsx(filePath, `l'archive ZIP ne contient pas de ${WORKBOOK_ENTRY}`);
  }
}

function streamFailure(filePath: string, error: WorkbookStreamError): AppError {
  // File system errors carry an errno code; zlib's codes (Z_DATA_ERROR...) mean damaged
  // compressed data, and other errors come from unzipper or the XML parser.
  const code = errorCode(error.cause);
  if (code !== undefined && !code.startsWith('Z_')) {
    return fileUnreadable(filePath, describeSystemError(error.cause));
  }
  return corruptWorkbook(filePath, 'son contenu est illisible', error.message);
}

function sheetKey(name: string): string {
  return name.normalize('NFC').trim().toLocaleLowerCase('fr');
}

async function parseWorksheet(
  worksheet: StreamedWorksheet,
  onProgress: ParseOptions['onProgress'],
): Promise<SheetOutcome> {
  const parser = new SheetParser(worksheet.name);
  let reported = 0;
  for await (const row of worksheet.rows()) {
    if (!parser.accept(row)) {
      break;
    }
    if (parser.rows.length - reported >= PROGRESS_INTERVAL) {
      reported = parser.rows.length;
      onProgress?.({ sheet: worksheet.name, rows: reported });
    }
  }
  const outcome = parser.finish();
  if (outcome.recognised) {
    onProgress?.({ sheet: worksheet.name, rows: outcome.sheet.rows.length });
  }
  return outcome;
}

async function streamSheets(filePath: string, options: ParseOptions): Promise<StreamResult> {
  const wanted = options.sheetNames?.length ? new Set(options.sheetNames.map(sheetKey)) : null;
  const result: StreamResult = { names: [], sheets: [], unrecognised: [] };
  for await (const worksheet of streamWorksheets(filePath)) {
    result.names.push(worksheet.name);
    if (wanted !== null && !wanted.has(sheetKey(worksheet.name))) {
      await worksheet.skip();
      continue;
    }
    const outcome = await parseWorksheet(worksheet, options.onProgress);
    if (outcome.recognised) {
      result.sheets.push(outcome.sheet);
    } else {
      result.unrecognised.push(outcome.sheet);
    }
  }
  return result;
}

function checkRequestedSheets(requested: string[] | undefined, names: string[]): void {
  const available = new Set(names.map(sheetKey));
  const missing = (requested ?? []).filter((name) => !available.has(sheetKey(name)));
  if (missing.length > 0) {
    throw sheetNotFound(missing, names);
  }
}

function checkCategories(sheets: ParsedSheet[]): void {
  for (const categorie of CATEGORY_ORDER) {
    const same = sheets.filter((sheet) => sheet.categorie === categorie);
    if (same.length > 1) {
      throw duplicateCategory(categorie, same);
    }
  }
}

function commonVersionLabel(sheets: ParsedSheet[]): string | null {
  const labelled = sheets.filter((sheet) => sheet.versionLabel !== null);
  const labels = new Set(labelled.map((sheet) => sheet.versionLabel));
  if (labels.size > 1) {
    throw versionMismatch(labelled);
  }
  return labelled[0]?.versionLabel ?? null;
}

function sortSheets(sheets: ParsedSheet[]): ParsedSheet[] {
  const rank = (sheet: ParsedSheet) => CATEGORY_ORDER.indexOf(sheet.categorie);
  return [...sheets].sort((left, right) => rank(left) - rank(right));
}

/**
 * Parses the ministry workbook (.xlsx) into rows for each recognised sheet, streaming it so
 * that only the parsed rows and the shared strings stay in memory. Rejects with an
 * IMPORT_REJECTED AppError when the file is missing, is not a sound .xlsx, or its sheets cannot
 * be imported together.
 */
export async function parseWorkbook(
  filePath: string,
  options: ParseOptions = {},
): Promise<ParsedWorkbook> {
  await checkFile(filePath);
  await checkArchive(filePath);
  let result: StreamResult;
  try {
    result = await streamSheets(filePath, options);
  } catch (error) {
    throw error instanceof WorkbookStreamError ? streamFailure(filePath, error) : error;
  }
  checkRequestedSheets(options.sheetNames, result.names);
  if (result.sheets.length === 0) {
    throw noRecognisedSheet(result.unrecognised);
  }
  checkCategories(result.sheets);
  const versionLabel = commonVersionLabel(result.sheets);
  return { sheets: sortSheets(result.sheets), unrecognised: result.unrecognised, versionLabel };
}
