import { basename } from 'node:path';
import { AppError } from '../core/errors';
import { Categorie, ParsedSheet, UnrecognisedSheet } from './workbook.types';

/** `extensions.reason` of the IMPORT_REJECTED errors raised while parsing a workbook. */
export enum WorkbookRejection {
  FILE_NOT_FOUND = 'FILE_NOT_FOUND',
  FILE_UNREADABLE = 'FILE_UNREADABLE',
  NOT_XLSX = 'NOT_XLSX',
  CORRUPT_WORKBOOK = 'CORRUPT_WORKBOOK',
  WORKBOOK_TOO_LARGE = 'WORKBOOK_TOO_LARGE',
  NO_RECOGNISED_SHEET = 'NO_RECOGNISED_SHEET',
  SHEET_NOT_FOUND = 'SHEET_NOT_FOUND',
  DUPLICATE_CATEGORY = 'DUPLICATE_CATEGORY',
  VERSION_MISMATCH = 'VERSION_MISMATCH',
}

const CATEGORY_LABELS: Record<Categorie, string> = {
  NOMENCLATURE: 'nomenclature',
  NON_RENOUVELE: 'produits non renouvelés',
  RETRAIT: 'retraits',
};

function quote(name: string): string {
  return `« ${name} »`;
}

export function fileNotFound(filePath: string): AppError {
  const name = quote(basename(filePath));
  const message = `Fichier introuvable : ${name}. Vérifiez le chemin du classeur.`;
  return AppError.importRejected(message, { reason: WorkbookRejection.FILE_NOT_FOUND });
}

export function fileUnreadable(filePath: string, detail: string): AppError {
  const message = `Impossible de lire le fichier ${quote(basename(filePath))} : ${detail}.`;
  return AppError.importRejected(message, { reason: WorkbookRejection.FILE_UNREADABLE });
}

export function notXlsx(filePath: string, detail: string): AppError {
  const name = quote(basename(filePath));
  const message = `Le fichier ${name} n'est pas un classeur Excel .xlsx : ${detail}.`;
  return AppError.importRejected(message, { reason: WorkbookRejection.NOT_XLSX });
}

/** Rejects a damaged workbook. `cause` is the library's English message, kept for support. */
export function corruptWorkbook(filePath: string, detail: string, cause?: string): AppError {
  const message =
    `Le classeur ${quote(basename(filePath))} est endommagé : ${detail}. ` +
    'Ouvrez-le dans Excel et enregistrez-le de nouveau au format .xlsx.';
  const extensions = { reason: WorkbookRejection.CORRUPT_WORKBOOK, ...(cause ? { cause } : {}) };
  return AppError.importRejected(message, extensions);
}

/** Rejects a workbook whose uncompressed content is over the accepted size. */
export function workbookTooLarge(filePath: string, detail: string): AppError {
  const message = `Le classeur ${quote(basename(filePath))} est trop volumineux : ${detail}.`;
  return AppError.importRejected(message, { reason: WorkbookRejection.WORKBOOK_TOO_LARGE });
}

export function noRecognisedSheet(unrecognised: UnrecognisedSheet[]): AppError {
  const reason = WorkbookRejection.NO_RECOGNISED_SHEET;
  if (unrecognised.length === 0) {
    return AppError.importRejected('Le classeur ne contient aucune feuille de calcul.', { reason });
  }
  const details = unrecognised.map((sheet) => `Feuille ${quote(sheet.name)} : ${sheet.reason}.`);
  const message = `Aucune feuille du classeur n'a été reconnue. ${details.join(' ')}`;
  return AppError.importRejected(message, { reason, sheets: unrecognised });
}

export function sheetNotFound(missing: string[], available: string[]): AppError {
  const message =
    `Feuille introuvable : ${missing.map(quote).join(', ')}. ` +
    `Feuilles du classeur : ${available.map(quote).join(', ')}.`;
  return AppError.importRejected(message, {
    reason: WorkbookRejection.SHEET_NOT_FOUND,
    missingSheets: missing,
    availableSheets: available,
  });
}

export function duplicateCategory(categorie: Categorie, sheets: ParsedSheet[]): AppError {
  const names = sheets.map(({ name }) => quote(name)).join(', ');
  const message =
    `Plusieurs feuilles contiennent les ${CATEGORY_LABELS[categorie]} : ${names}. ` +
    'Gardez une seule feuille par catégorie ou indiquez les feuilles à importer.';
  return AppError.importRejected(message, {
    reason: WorkbookRejection.DUPLICATE_CATEGORY,
    categorie,
    sheets: sheets.map(({ name }) => name),
  });
}

export function versionMismatch(sheets: ParsedSheet[]): AppError {
  const labels = sheets.map(({ name, versionLabel }) => `${quote(name)} au ${versionLabel}`);
  const message =
    `Les titres des feuilles ne donnent pas la même date de version : ${labels.join(', ')}. ` +
    "Corrigez les titres pour qu'ils portent la même date.";
  return AppError.importRejected(message, {
    reason: WorkbookRejection.VERSION_MISMATCH,
    versions: sheets.map(({ name, versionLabel }) => ({ sheet: name, versionLabel })),
  });
}
