/**
 * Parsing of the ZIP end-of-central-directory record and central directory (PKWARE APPNOTE
 * 6.3, sections 4.3.12 and 4.3.16). Only what the integrity check needs is read.
 */

export const LOCAL_HEADER_SIGNATURE = 0x04034b50;
export const LOCAL_HEADER_LENGTH = 30;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const CENTRAL_HEADER_LENGTH = 46;
const END_RECORD_SIGNATURE = 0x06054b50;
const END_RECORD_LENGTH = 22;
const MAX_COMMENT_LENGTH = 0xffff;
// A 16-bit or 32-bit field set to all ones means that the value is in a ZIP64 record.
const ZIP64_MARKER_16 = 0xffff;
const ZIP64_MARKER_32 = 0xffffffff;
const ENCRYPTED_FLAG = 0x1;

/** Kind of problem found by the archive check. */
export type ZipProblem = 'NOT_ZIP' | 'TRUNCATED' | 'CORRUPT' | 'UNSUPPORTED' | 'TOO_LARGE';

/** A failed archive check, whose `detail` is a French phrase shown to users. */
export class ZipIntegrityError extends Error {
  constructor(
    readonly problem: ZipProblem,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ZipIntegrityError';
  }
}

/** Location and size of the central directory, read from the end record. */
export interface EndRecord {
  offset: number;
  entryCount: number;
  directoryOffset: number;
  directorySize: number;
  /** True when the sizes are in ZIP64 records, which this module does not read. */
  zip64: boolean;
}

/** One central directory entry. */
export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const truncated = () =>
  new ZipIntegrityError('TRUNCATED', "l'archive est tronquée, la fin du fichier manque");

/** Bytes to read from the end of the file to be sure to contain the end record. */
export function endRecordSearchLength(fileSize: number): number {
  return Math.min(fileSize, END_RECORD_LENGTH + MAX_COMMENT_LENGTH);
}

/**
 * Finds the end record in the last bytes of the file (`tail`, starting at file offset
 * `tailOffset`). The last candidate wins, because the archive comment may contain the
 * signature bytes too.
 */
export function parseEndRecord(tail: Buffer, tailOffset: number): EndRecord {
  for (let at = tail.length - END_RECORD_LENGTH; at >= 0; at -= 1) {
    if (tail.readUInt32LE(at) !== END_RECORD_SIGNATURE) {
      continue;
    }
    const commentLength = tail.readUInt16LE(at + 20);
    if (at + END_RECORD_LENGTH + commentLength > tail.length) {
      continue;
    }
    const entryCount = tail.readUInt16LE(at + 10);
    const directorySize = tail.readUInt32LE(at + 12);
    const directoryOffset = tail.readUInt32LE(at + 16);
    const zip64 =
      entryCount === ZIP64_MARKER_16 ||
      directorySize === ZIP64_MARKER_32 ||
      directoryOffset === ZIP64_MARKER_32;
    return { offset: tailOffset + at, entryCount, directoryOffset, directorySize, zip64 };
  }
  throw truncated();
}

/** Checks that the central directory ends before the end record, which fails on a cut file. */
export function checkDirectoryBounds(end: EndRecord): void {
  if (end.directoryOffset + end.directorySize > end.offset) {
    throw truncated();
  }
}

function parseEntry(directory: Buffer, at: number): ZipEntry {
  const nameLength = directory.readUInt16LE(at + 28);
  const nameStart = at + CENTRAL_HEADER_LENGTH;
  return {
    name: directory.toString('utf8', nameStart, nameStart + nameLength),
    flags: directory.readUInt16LE(at + 8),
    method: directory.readUInt16LE(at + 10),
    crc32: directory.readUInt32LE(at + 16),
    compressedSize: directory.readUInt32LE(at + 20),
    uncompressedSize: directory.readUInt32LE(at + 24),
    localHeaderOffset: directory.readUInt32LE(at + 42),
  };
}

function entryLength(directory: Buffer, at: number): number {
  const variable =
    directory.readUInt16LE(at + 28) +
    directory.readUInt16LE(at + 30) +
    directory.readUInt16LE(at + 32);
  return CENTRAL_HEADER_LENGTH + variable;
}

/** Parses every entry of the central directory read from the file. */
export function parseCentralDirectory(directory: Buffer, expectedCount: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  while (at + CENTRAL_HEADER_LENGTH <= directory.length) {
    if (directory.readUInt32LE(at) !== CENTRAL_HEADER_SIGNATURE) {
      throw new ZipIntegrityError('CORRUPT', "le répertoire central de l'archive est endommagé");
    }
    entries.push(parseEntry(directory, at));
    at += entryLength(directory, at);
  }
  if (entries.length !== expectedCount) {
    throw new ZipIntegrityError('CORRUPT', "le répertoire central de l'archive est incomplet");
  }
  return entries;
}

/** Checks whether an entry stores its sizes or offset in a ZIP64 extra field. */
export function usesZip64(entry: ZipEntry): boolean {
  return (
    entry.compressedSize === ZIP64_MARKER_32 ||
    entry.uncompressedSize === ZIP64_MARKER_32 ||
    entry.localHeaderOffset === ZIP64_MARKER_32
  );
}

/** Checks whether an entry is encrypted with ZIP's own encryption. */
export function isEncrypted(entry: ZipEntry): boolean {
  return (entry.flags & ENCRYPTED_FLAG) !== 0;
}

/** Offset where the entry data starts, from the local header read at `localHeaderOffset`. */
export function dataOffset(entry: ZipEntry, localHeader: Buffer): number {
  if (
    localHeader.length < LOCAL_HEADER_LENGTH ||
    localHeader.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE
  ) {
    throw new ZipIntegrityError(
      'CORRUPT',
      `l'en-tête de l'élément « ${entry.name} » est endommagé`,
    );
  }
  const nameLength = localHeader.readUInt16LE(26);
  const extraLength = localHeader.readUInt16LE(28);
  return entry.localHeaderOffset + LOCAL_HEADER_LENGTH + nameLength + extraLength;
}
