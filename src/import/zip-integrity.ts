import { FileHandle, open } from 'node:fs/promises';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, crc32 } from 'node:zlib';
import {
  checkDirectoryBounds,
  dataOffset,
  endRecordSearchLength,
  isEncrypted,
  LOCAL_HEADER_LENGTH,
  parseCentralDirectory,
  parseEndRecord,
  usesZip64,
  ZipEntry,
  ZipIntegrityError,
} from './zip-directory';

/*
 * exceljs 4.4 streams through unzipper 0.10. When an archive is cut inside an entry, or an
 * entry's deflate data is corrupt, unzipper can report the error on its parser stream without
 * ever ending the entry stream, and exceljs then waits for that entry forever. Checking the
 * central directory and every entry's CRC-32 first turns those files into a rejection. The cost
 * is one more inflate pass over the archive, 8.7 MB uncompressed for the July 2025 workbook.
 */

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// Compound File Binary header, used by .xls workbooks and by password-protected .xlsx files.
const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const STORED = 0;
const DEFLATED = 8;
const READ_CHUNK = 64 * 1024;

/**
 * Upper bound of the uncompressed content of a workbook, 23 times that of the July 2025
 * workbook (8.7 MB). exceljs keeps every shared string in memory, so a small archive that
 * inflates to gigabytes (a zip bomb) would otherwise exhaust the server's memory. The check
 * below ensures that every entry inflates to exactly its recorded size, so the recorded
 * sizes can be trusted.
 */
export const MAX_UNCOMPRESSED_BYTES = 200 * 1000 * 1000;

/** Names of the archive entries. */
export type ZipEntryNames = string[];

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** Reads bytes [start, end) in chunks, without the per-stream listeners of FileHandle streams. */
async function* readRange(handle: FileHandle, start: number, end: number): AsyncGenerator<Buffer> {
  for (let position = start; position < end; position += READ_CHUNK) {
    const chunk = await readAt(handle, position, Math.min(READ_CHUNK, end - position));
    if (chunk.length === 0) {
      return;
    }
    yield chunk;
  }
}

async function checkSignature(handle: FileHandle, size: number): Promise<void> {
  if (size === 0) {
    throw new ZipIntegrityError('NOT_ZIP', 'le fichier est vide');
  }
  const head = await readAt(handle, 0, OLE_SIGNATURE.length);
  if (head.subarray(0, OLE_SIGNATURE.length).equals(OLE_SIGNATURE)) {
    const detail =
      "c'est un classeur Excel 97-2003 (.xls) ou un classeur protégé par mot de passe. " +
      'Enregistrez-le au format .xlsx sans mot de passe';
    throw new ZipIntegrityError('NOT_ZIP', detail);
  }
  if (!head.subarray(0, ZIP_SIGNATURE.length).equals(ZIP_SIGNATURE)) {
    throw new ZipIntegrityError('NOT_ZIP', "ce n'est pas une archive ZIP, comme l'est un .xlsx");
  }
}

/** Computes CRC-32 and length of what is written, and fails once it exceeds the entry size. */
function checksumSink(entry: ZipEntry): { sink: Writable; result: () => [number, number] } {
  let checksum = 0;
  let length = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      checksum = crc32(chunk, checksum);
      length += chunk.length;
      callback(length > entry.uncompressedSize ? corruptEntry(entry) : null);
    },
  });
  return { sink, result: () => [checksum, length] };
}

function corruptEntry(entry: ZipEntry): ZipIntegrityError {
  const detail = `l'élément « ${entry.name} » de l'archive est endommagé`;
  return new ZipIntegrityError('CORRUPT', detail);
}

function decoderFor(entry: ZipEntry): Transform | null {
  if (entry.method === DEFLATED) {
    return createInflateRaw();
  }
  if (entry.method === STORED) {
    return null;
  }
  const detail =
    `l'élément « ${entry.name} » utilise une méthode de compression ` + 'non prise en charge';
  throw new ZipIntegrityError('UNSUPPORTED', detail);
}

async function verifyEntry(handle: FileHandle, entry: ZipEntry, directoryOffset: number) {
  if (isEncrypted(entry)) {
    throw new ZipIntegrityError('UNSUPPORTED', `l'élément « ${entry.name} » est chiffré`);
  }
  const localHeader = await readAt(handle, entry.localHeaderOffset, LOCAL_HEADER_LENGTH);
  const start = dataOffset(entry, localHeader);
  const end = start + entry.compressedSize;
  if (end > directoryOffset) {
    throw corruptEntry(entry);
  }
  const decoder = decoderFor(entry);
  const { sink, result } = checksumSink(entry);
  if (entry.compressedSize > 0) {
    const source = Readable.from(readRange(handle, start, end));
    const stages = decoder === null ? [source, sink] : [source, decoder, sink];
    await pipeline(stages).catch((error: unknown) => {
      throw error instanceof ZipIntegrityError ? error : corruptEntry(entry);
    });
  }
  const [checksum, length] = result();
  if (checksum !== entry.crc32 || length !== entry.uncompressedSize) {
    throw corruptEntry(entry);
  }
}

/**
 * Rejects ZIP64 archives. The ZIP format needs ZIP64 records only past 4 GB or 65,535
 * entries, far beyond the upload limit, and this check does not read them. Skipping the
 * check for them let a forged marker pass an archive that unzipper read as a plain one,
 * past the size cap.
 */
function zip64Unsupported(): ZipIntegrityError {
  return new ZipIntegrityError(
    'UNSUPPORTED',
    "l'archive est au format ZIP64, que l'import ne lit pas ; enregistrez de nouveau le classeur depuis Excel",
  );
}

async function readEntries(handle: FileHandle, size: number): Promise<ZipEntry[]> {
  const tailLength = endRecordSearchLength(size);
  const end = parseEndRecord(
    await readAt(handle, size - tailLength, tailLength),
    size - tailLength,
  );
  if (end.zip64) throw zip64Unsupported();
  checkDirectoryBounds(end);
  const directory = await readAt(handle, end.directoryOffset, end.directorySize);
  const entries = parseCentralDirectory(directory, end.entryCount);
  if (entries.some(usesZip64)) throw zip64Unsupported();
  const total = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (total > MAX_UNCOMPRESSED_BYTES) {
    const megabytes = (bytes: number) => Math.round(bytes / 1e6);
    throw new ZipIntegrityError(
      'TOO_LARGE',
      `son contenu décompressé pèse ${megabytes(total)} Mo, plus que les ${megabytes(MAX_UNCOMPRESSED_BYTES)} Mo acceptés`,
    );
  }
  for (const entry of entries) {
    await verifyEntry(handle, entry, end.directoryOffset);
  }
  return entries;
}

/**
 * Checks that the file is a complete ZIP archive whose entries all inflate to their recorded
 * CRC-32 and size, and returns the entry names. Throws ZipIntegrityError otherwise.
 */
export async function verifyZipIntegrity(filePath: string): Promise<ZipEntryNames> {
  const handle = await open(filePath, 'r');
  try {
    const { size } = await handle.stat();
    await checkSignature(handle, size);
    const entries = await readEntries(handle, size);
    return entries.map(({ name }) => name);
  } finally {
    await handle.close();
  }
}
