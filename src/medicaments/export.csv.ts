import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { Transform as CsvTransform } from '@json2csv/node';

import type { Logger } from '../core/logger';
import type { MedicamentRecord } from './medicament.columns';

/** Exported columns, in order; the header row uses these names, as GraphQL does. */
export const EXPORT_COLUMNS = [
  'id',
  'version',
  'categorie',
  'n',
  'numEnregistrement',
  'code',
  'dci',
  'nomMarque',
  'forme',
  'dosage',
  'conditionnement',
  'liste',
  'listeRaw',
  'p1',
  'p2',
  'obs',
  'laboratoire',
  'paysLaboratoire',
  'dateEnregistrementInitial',
  'dateEnregistrementInitialRaw',
  'dateEnregistrementFinal',
  'dateEnregistrementFinalRaw',
  'typeMedicament',
  'typeMedicamentRaw',
  'statut',
  'statutRaw',
  'dureeStabilite',
  'dateRetrait',
  'dateRetraitRaw',
  'motifRetrait',
] as const satisfies readonly (keyof MedicamentRecord)[];

/** First characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises a cell that a spreadsheet would run as a formula (CSV injection): text
 * starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a single quote in front,
 * and nothing else changes. "=SOMME(A1)" is exported as "'=SOMME(A1)", "---" as "'---".
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

type CsvRow = Record<(typeof EXPORT_COLUMNS)[number], string>;

function toCsvRow(record: MedicamentRecord): CsvRow {
  const row = {} as CsvRow;
  for (const column of EXPORT_COLUMNS) {
    const value = record[column];
    row[column] = value === null || value === undefined ? '' : neutraliseFormula(String(value));
  }
  return row;
}

/**
 * Streams records as CSV text: UTF-8 with a byte-order mark (so that Excel reads the
 * accents), a header row, CRLF line ends, every text cell quoted, and formula-like cells
 * neutralised. Records are converted one by one as the client reads, so memory stays flat.
 */
export function csvStream(
  records: AsyncIterable<MedicamentRecord>,
  delimiter: string,
  logger: Logger,
): Transform {
  const csv = new CsvTransform<CsvRow, CsvRow>(
    { fields: [...EXPORT_COLUMNS], delimiter, eol: '\r\n', withBOM: true },
    {},
    { objectMode: true },
  );
  const rows = Readable.from(
    (async function* () {
      for await (const record of records) yield toCsvRow(record);
    })(),
  );
  pipeline(rows, csv).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ERR_STREAM_PREMATURE_CLOSE') {
      logger.warn('CSV export stopped: the client closed the connection');
    } else {
      logger.error({ err: error }, 'CSV export failed while streaming');
    }
  });
  return csv;
}
