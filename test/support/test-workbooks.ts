import { readFile, writeFile } from 'node:fs/promises';

import type { Categorie } from '../../src/import/workbook.types';
import { REAL_WORKBOOK } from './server';
import {
  FactoryCell,
  FactorySheet,
  ministryTitle,
  NOMENCLATURE_COLUMNS,
  NON_RENOUVELE_COLUMNS,
  RETRAIT_COLUMNS,
  writeWorkbook,
} from './workbook-factory';

/** Sheet names, title subjects and columns of the July 2025 ministry workbook. */
const SHEETS: Record<Categorie, { name: string; subject: string; columns: string[] }> = {
  NOMENCLATURE: {
    name: 'Nomenclature JUIN 2025',
    subject: 'NOMENCLATURE NATIONALE DES PRODUITS PHARMACEUTIQUES A USAGE DE LA MEDECINE HUMAINE',
    columns: NOMENCLATURE_COLUMNS,
  },
  NON_RENOUVELE: {
    name: 'Non Renouvelés ',
    subject:
      "LISTE DES PRODUITS PHARMACEUTIQUES A USAGE DE LA MEDECINE HUMAINE QUI N'ONT PAS FAIT L'OBJET DE RENOUVELLEMENT",
    columns: NON_RENOUVELE_COLUMNS,
  },
  RETRAIT: {
    name: 'Retraits',
    subject:
      "LISTE DES PRODUITS PHARMACEUTIQUES A USAGE DE LA MEDECINE HUMAINE FAISANT L'OBJET DE RETRAIT",
    columns: RETRAIT_COLUMNS,
  },
};

/** Cell values of row `n` of a sheet, by header; columns a sheet lacks are ignored. */
function rowCells(categorie: Categorie, n: number): Record<string, FactoryCell> {
  return {
    N: n,
    'N°': n,
    'N°ENREGISTREMENT': `${String(n).padStart(3, '0')}/99 Z 001/25`,
    CODE: '99 Z 001',
    'DENOMINATION COMMUNE INTERNATIONALE': 'PARACETAMOL',
    'NOM DE MARQUE': `ESSAI ${categorie} ${n}`,
    FORME: 'COMPRIME',
    DOSAGE: '500MG',
    CONDITIONNEMENT: 'B/20',
    COND: 'B/20',
    LISTE: 'LISTE II',
    P1: 'HOP',
    P2: 'OFF',
    "LABORATOIRES DETENTEUR DE LA DECISION D'ENREGISTREMENT": 'LABO ESSAI',
    "PAYS DU LABORATOIRE DETENTEUR DE LA DECISION D'ENREGISTREMENT": 'ALGERIE',
    "DATE D'ENREGISTREMENT INITIAL ": new Date(Date.UTC(2020, 0, 15)),
    "DATE D'ENREGISTREMENT  FINAL ": new Date(Date.UTC(2025, 5, 30)),
    TYPE: 'GE',
    STATUT: 'F',
    'DUREE DE STABILITE': '36 MOIS',
    'DATE DE RETRAIT': new Date(Date.UTC(2024, 1, 29)),
    'MOTIF DE RETRAIT': 'ARRET DE COMMERCIALISATION',
  };
}

function sheetOf(categorie: Categorie, rowCount: number, dateText: string): FactorySheet {
  const { name, subject, columns } = SHEETS[categorie];
  const rows = Array.from({ length: rowCount }, (_, index) => {
    const cells = rowCells(categorie, index + 1);
    return columns.map((header) => cells[header] ?? null);
  });
  return { name, title: ministryTitle(subject, dateText, rowCount), headerRow: 6, columns, rows };
}

/**
 * Writes a small workbook laid out like the ministry's, with the given number of rows per
 * sheet; its titles date it `dateText` (31 JUILLET 2025 by default, like the real file).
 */
export async function writeSmallWorkbook(
  filePath: string,
  rowCounts: Record<Categorie, number>,
  dateText = '31 JUILLET 2025',
): Promise<void> {
  const categories = Object.keys(SHEETS) as Categorie[];
  await writeWorkbook(
    filePath,
    categories.map((categorie) => sheetOf(categorie, rowCounts[categorie], dateText)),
  );
}

/** Writes a valid .xlsx whose only sheet is a budget table: nothing a nomenclature holds. */
export async function writeWorkbookWithoutNomenclature(filePath: string): Promise<void> {
  await writeWorkbook(filePath, [
    {
      name: 'Budget',
      title: 'BUDGET PREVISIONNEL 2025',
      columns: ['MOIS', 'MONTANT', 'RESPONSABLE'],
      rows: [
        ['JANVIER', 1200, 'SERVICE ACHATS'],
        ['FEVRIER', 900, 'SERVICE ACHATS'],
      ],
    },
  ]);
}

/** Writes CSV text under an .xlsx name. */
export async function writeTextAsWorkbook(filePath: string): Promise<void> {
  await writeFile(filePath, 'N;NOM DE MARQUE;DCI\n1;DOLIPRANE;PARACETAMOL\n');
}

/** Writes the first half of the real workbook: a ZIP archive whose end is missing. */
export async function writeTruncatedWorkbook(filePath: string): Promise<void> {
  const real = await readFile(REAL_WORKBOOK);
  await writeFile(filePath, real.subarray(0, Math.floor(real.length / 2)));
}

/** Writes a file of `bytes` bytes, for upload limits. */
export async function writeFileOfSize(filePath: string, bytes: number): Promise<void> {
  await writeFile(filePath, Buffer.alloc(bytes, 0x41));
}
