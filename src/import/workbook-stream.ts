import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';

import ExcelJS, { CellValue } from 'exceljs';

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
 * One worksheet of the stream. Iterate `rows()`, or call `skip()` to leave it unread. The
 * worksheets can be read in any order.
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

/**
 * Formats a number the way a cell with a percent format displays it, in French: 0.005 under
 * `0.00%` gives "0,50%". The workbook's dosages written as text use the decimal comma too.
 */
export function displayedPercent(value: number, format: string): string {
  const positive = format.split(';')[0];
  const decimals = /\.(0+)/.exec(positive)?.[1].length ?? 0;
  return `${(value * 100).toFixed(decimals).replace('.', ',')}%`;
}

async function* rowsOf(worksheet: ExcelJS.stream.xlsx.WorksheetReader, failure: Promise<never>) {
  for await (const row of guard(worksheet, failure)) {
    // `row.values` builds a fresh array, so the exceljs row is not kept.
    const values = row.values as CellValue[];
    // A dosage typed as "2%" is stored as 0.02 with a percent format: keep what Excel shows.
    for (let column = 1; column < values.length; column += 1) {
      const value = values[column];
      if (typeof value !== 'number') continue;
      const format = row.getCell(column).numFmt;
      if (format?.includes('%')) values[column] = displayedPercent(value, format);
    }
    yield { number: row.number, values };
  }
}

function worksheetName(worksheet: ExcelJS.stream.xlsx.WorksheetReader): string {
  // exceljs sets `name` from xl/workbook.xml, but its typings omit it.
  const { name } = worksheet as unknown as { name?: string };
  return name ?? '';
}

/** One entry of the archive's central directory, as unzipper lists it. */
interface ZipEntry {
  path: string;
  stream(): Readable;
}

/** Input of unzipper's directory reader: ranged reads of the file, and its size. */
interface ZipSource {
  stream(offset: number, length?: number): Readable;
  size(): Promise<number>;
}

type OpenDirectory = (source: ZipSource) => Promise<{ files: ZipEntry[] }>;

/**
 * The steps of exceljs 4.4's streaming WorkbookReader that `worksheetsOf` runs itself. They
 * are not part of its typings, so exceljs stays pinned to 4.4.
 */
interface WorkbookReaderSteps {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(
    iterator: AsyncIterable<unknown>,
    sheetNo: string,
  ): Iterable<{ eventType: string; value: ExcelJS.stream.xlsx.WorksheetReader }>;
}

// Neither module is typed; package.json pins exceljs and unzipper to the versions read here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const openDirectory = require('unzipper/lib/Open/directory') as OpenDirectory;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const iterateStream = require('exceljs/lib/utils/iterate-stream') as (
  stream: Readable,
) => AsyncIterable<unknown>;

const WORKSHEET_ENTRY = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * Yields the worksheet readers of a workbook whose entries are opened through the central
 * directory: relationships, workbook, shared strings and styles first, then the worksheets
 * in the order the archive stores them. exceljs's own single pass over the archive sometimes
 * lost its last entry (seen on workbooks written by exceljs, which store xl/workbook.xml
 * last), and it copied every worksheet stored before the shared strings to a temporary file.
 */
async function* worksheetsOf(
  reader: WorkbookReaderSteps,
  entries: ZipEntry[],
): AsyncGenerator<ExcelJS.stream.xlsx.WorksheetReader> {
  const byPath = new Map(entries.map((entry) => [entry.path, entry]));
  const open = (path: string) => byPath.get(path)?.stream();

  const relationships = open('xl/_rels/workbook.xml.rels');
  if (relationships) await reader._parseRels(relationships);
  const workbook = open('xl/workbook.xml');
  if (workbook) await reader._parseWorkbook(workbook);
  const sharedStrings = open('xl/sharedStrings.xml');
  if (sharedStrings) {
    // With `sharedStrings: 'cache'` this fills the reader's table and yields nothing.
    for await (const event of reader._parseSharedStrings(sharedStrings)) void event;
  }
  const styles = open('xl/styles.xml');
  if (styles) await reader._parseStyles(styles);

  for (const entry of entries) {
    const match = WORKSHEET_ENTRY.exec(entry.path);
    if (!match) continue;
    for (const event of reader._parseWorksheet(iterateStream(entry.stream()), match[1])) {
      if (event.eventType === 'worksheet') yield event.value;
    }
  }
}

/**
 * Streams the worksheets of an .xlsx file with the exceljs streaming reader. Errors of the
 * file or of exceljs come out as WorkbookStreamError, never as unhandled 'error' events.
 */
export async function* streamWorksheets(filePath: string): AsyncGenerator<StreamedWorksheet> {
  // unzipper pipes each file read into its own streams, and a pipe does not forward errors.
  // So every read stream reports its errors to `failure`, which every await races against.
  const opened = new Set<Readable>();
  let reportFailure: (error: unknown) => void = () => undefined;
  const failure = new Promise<never>((_resolve, reject) => {
    reportFailure = reject;
  });
  // This handler covers errors after the last await.
  failure.catch(() => undefined);
  const source: ZipSource = {
    stream: (offset, length) => {
      const stream = createReadStream(filePath, {
        start: offset,
        end: length ? offset + length : undefined,
      });
      stream.on('error', reportFailure);
      opened.add(stream);
      return stream;
    },
    size: async () => (await stat(filePath)).size,
  };
  try {
    const directory = await Promise.race([openDirectory(source), failure]).catch(
      (error: unknown) => {
        throw new WorkbookStreamError(error);
      },
    );
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(
      filePath,
      READER_OPTIONS,
    ) as unknown as WorkbookReaderSteps;
    for await (const worksheet of guard(worksheetsOf(reader, directory.files), failure)) {
      yield {
        name: worksheetName(worksheet),
        rows: () => rowsOf(worksheet, failure),
        // Each worksheet has its own entry stream, closed with the others at the end.
        skip: async () => undefined,
      };
    }
  } finally {
    // Skipped worksheets and unzipper's probe of the file header leave streams open.
    for (const stream of opened) stream.destroy();
  }
}
