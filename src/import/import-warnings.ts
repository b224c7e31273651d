import { ImportWarning, WarningKind } from './workbook.types';

/** Location of a row warning: the sheet, the 1-based row and the column header. */
export interface CellLocation {
  sheet: string;
  sheetRow: number;
  column: string;
}

function cellWarning(
  kind: WarningKind,
  location: CellLocation,
  value: string | null,
  message: string,
): ImportWarning {
  const prefix = `Ligne ${location.sheetRow}, colonne ${location.column} : `;
  return { kind, ...location, value, message: prefix + message };
}

function sheetWarning(
  kind: WarningKind,
  sheet: string,
  column: string | null,
  value: string | null,
  message: string,
): ImportWarning {
  return { kind, sheet, sheetRow: null, column, value, message };
}

export function invalidDateWarning(location: CellLocation, raw: string | null): ImportWarning {
  const message =
    `date invalide « ${raw ?? ''} ». ` + "La date reste vide et le texte d'origine est conservé.";
  return cellWarning(WarningKind.INVALID_DATE, location, raw, message);
}

export function unknownTypeWarning(location: CellLocation, raw: string): ImportWarning {
  const message =
    `type « ${raw} » inconnu, les valeurs reconnues sont GE, RE et BIO. ` + 'Le type reste vide.';
  return cellWarning(WarningKind.UNKNOWN_TYPE, location, raw, message);
}

export function unknownListeWarning(location: CellLocation, raw: string): ImportWarning {
  const message =
    `liste « ${raw} » inconnue, les valeurs reconnues sont Liste I, Liste II et Stupéfiants. ` +
    'La liste reste vide.';
  return cellWarning(WarningKind.UNKNOWN_LISTE, location, raw, message);
}

export function unknownStatutWarning(location: CellLocation, raw: string): ImportWarning {
  const message =
    `statut « ${raw} » inconnu, les valeurs reconnues sont F et I. ` + 'Le statut reste vide.';
  return cellWarning(WarningKind.UNKNOWN_STATUT, location, raw, message);
}

export function headerWordWarning(location: CellLocation, raw: string): ImportWarning {
  const message =
    `la cellule contient l'intitulé de colonne « ${raw} » au lieu d'une valeur. ` +
    'Elle est importée telle quelle et reste à vérifier.';
  return cellWarning(WarningKind.HEADER_WORD_IN_CELL, location, raw, message);
}

export function missingValueWarning(location: CellLocation): ImportWarning {
  return cellWarning(WarningKind.MISSING_VALUE, location, null, 'valeur manquante.');
}

export function countMismatchWarning(
  sheet: string,
  declared: number,
  parsed: number,
): ImportWarning {
  const message =
    `Le titre de la feuille « ${sheet} » annonce ${declared} produits ` +
    `mais ${parsed} lignes de données ont été lues.`;
  return sheetWarning(WarningKind.COUNT_MISMATCH, sheet, null, String(declared), message);
}

export function unknownColumnWarning(sheet: string, header: string): ImportWarning {
  const message =
    `Colonne « ${header} » inconnue dans la feuille « ${sheet} ». ` + "Elle n'est pas importée.";
  return sheetWarning(WarningKind.UNKNOWN_COLUMN, sheet, header, header, message);
}

export function duplicateColumnWarning(
  sheet: string,
  header: string,
  firstHeader: string,
): ImportWarning {
  const message =
    `La colonne « ${header} » de la feuille « ${sheet} » double la colonne « ${firstHeader} ». ` +
    'Seule la première des deux est importée.';
  return sheetWarning(WarningKind.UNKNOWN_COLUMN, sheet, header, header, message);
}

export function missingColumnWarning(sheet: string, label: string): ImportWarning {
  const message = `Colonne ${label} absente de la feuille « ${sheet} ». Ce champ restera vide.`;
  return sheetWarning(WarningKind.MISSING_COLUMN, sheet, label, null, message);
}
