import ExcelJS, { CellValue } from 'exceljs';
import { createReadStream } from 'node:fs';

/** An error raised by exceljs or by reading the file, as opposed to a bug in the parser. */
export class WorkbookStreamError extends Error {
  constructor(readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'WorkbookStreamError';
  }
}

/** One sheet row as exceljs gives it: `values[c]` is the cell of 1-based column c. */
export interface StreamedRow {
  number: number;
  values: readonly CellValue[];
}

/**
 * One worksheet of the stream. Either iterate `rows()` to the end or call `skip()` before
 * asking for the next worksheet, because exceljs reads the zip entries in order.
 */
export interface StreamedWorksheet {
  name: string;
  rows(): AsyncGenerator<StreamedRow>;
  skip(): Promise<void>;
}

const READER_OPTIONS = {
  sharedStrings: 'cache',
  styles: 'cache',
  hyperlinks: 'ignore',
  worksheets: 'emit',
} as const;

/**
 * Iterates `source`, turning its errors and `failure` (a read error of the file) into
 * WorkbookStreamError. The race matters because exceljs pipes the file into unzipper, and a
 * pipe does not forward errors, so after a read error the iteration would wait forever.
 */
async function* guard<T>(source: AsyncIterable<T>, failure: Promise<never>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let done = false;
  let waiting = false;
  try {
    while (!done) {
      waiting = true;
      const step = await Promise.race([iterator.next(), failure]).catch((error: unknown) => {
        throw new WorkbookStreamError(error);
      });
      waiting = false;
      done = step.done === true;
      if (!done) {
        yield step.value;
      }
    }
  } finally {
    // Close the source only when the consumer stopped early. After a failure its next() may
    // still be pending, and return() would wait behind it.
    if (!done && !waiting) {
      await iterator.return?.();
    }
  }
}

async function* rowsOf(worksheet: ExcelJS.stream.xlsx.WorksheetReader, failure: Promise<never>) {
  for await (const row of guard(worksheet, failure)) {
    // `row.values` builds a fresh array, so the exceljs row is not kept.
    yield { number: row.number, values: row.values as CellValue[] };
  }
}

async function skipRows(worksheet: ExcelJS.stream.xlsx.WorksheetReader, failure: Promise<never>) {
  // When the workbook stores its shared strings after the sheets, exceljs copies each sheet to
  // a temporary file and opens it. Starting and stopping the iteration closes that file, which
  // otherwise stays open.
  // NOTE: when shared strings come first, exceljs buffers the rest of the skipped sheet's XML
  // in memory until the next entry starts.
  for await (const row of guard(worksheet, failure)) {
    void row;
    break;
  }
}

function worksheetName(worksheet: ExcelJS.stream.xlsx.WorksheetReader): string {
  // exceljs sets `name` from xl/workbook.xml, but its typings omit it.
  const { name } = worksheet as unknown as { name?: string };
  return name ?? '';
}

/**
 * Streams the worksheets of an .xlsx file with the exceljs streaming reader. Errors of the
 * file or of exceljs come out as WorkbookStreamError, never as unhandled 'error' events.
 */
export async function* streamWorksheets(filePath: string): AsyncGenerator<StreamedWorksheet> {
  // The reader gets our own stream rather than the path, because exceljs attaches no 'error'
  // listener to the stream it opens, so a read error (EISDIR, EIO) would crash the process.
  const source = createReadStream(filePath);
  const failure = new Promise<never>((_resolve, reject) => source.on('error', reject));
  // Every await below races against `failure`, and this handler covers errors after the last one.
  failure.catch(() => undefined);
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, READER_OPTIONS);
    for await (const worksheet of guard(reader, failure)) {
      yield {
        name: worksheetName(worksheet),
        rows: () => rowsOf(worksheet, failure),
        skip: () => skipRows(worksheet, failure),
      };
    }
  } finally {
    source.destroy();
  }
}
