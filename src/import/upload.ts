import { createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import type { FileUpload } from 'graphql-upload-minimal';

import { AppError } from '../core/errors';

/** An uploaded file written to a private temporary folder. */
export interface StoredUpload {
  filePath: string;
  filename: string;
  /** Removes the file and its folder. */
  dispose(): Promise<void>;
}

const DEFAULT_FILE_NAME = 'nomenclature.xlsx';

/** In characters: 80 characters of at most 3 UTF-8 bytes stay under the usual 255-byte limit. */
const MAX_FILE_NAME_LENGTH = 80;

/**
 * Reduces the name a client gave its file to a safe base name. The stored copy carries it,
 * so that import messages name the file the admin sent rather than a temporary one.
 */
export function safeFileName(filename: string | null | undefined): string {
  const base = path
    .basename((filename ?? '').replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  if (base === '' || base === '.' || base === '..') return DEFAULT_FILE_NAME;
  return Array.from(base).slice(-MAX_FILE_NAME_LENGTH).join('');
}

/** Creates a private temporary folder and returns where `filename` goes in it. */
async function privateFilePath(filename: string | null | undefined): Promise<StoredUpload> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'npp-upload-'));
  const name = safeFileName(filename);
  const dispose = () => rm(folder, { recursive: true, force: true });
  return { filePath: path.join(folder, name), filename: name, dispose };
}

/** Fails the stream once more than `maxBytes` went through it. */
function sizeGuard(maxBytes: number): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (total > maxBytes) callback(AppError.payloadTooLarge(maxBytes));
      else callback(null, chunk);
    },
  });
}

/** Copies a stream to a temporary file, rejecting it past `maxBytes`. */
export async function storeStream(
  source: Readable,
  filename: string,
  maxBytes: number,
): Promise<StoredUpload> {
  const stored = await privateFilePath(filename);
  try {
    await pipeline(source, sizeGuard(maxBytes), createWriteStream(stored.filePath));
  } catch (error) {
    await stored.dispose();
    throw toUploadError(error, maxBytes);
  }
  return stored;
}

/**
 * Moves a file that the REST multipart parser wrote under a random name into a private
 * folder, under the client's file name. The received file is gone afterwards either way.
 */
export async function storeReceivedFile(
  receivedPath: string,
  filename: string | null | undefined,
): Promise<StoredUpload> {
  const stored = await privateFilePath(filename);
  try {
    await rename(receivedPath, stored.filePath);
  } catch (error) {
    await rm(receivedPath, { force: true });
    await stored.dispose();
    throw error;
  }
  return stored;
}

/** Waits for a GraphQL multipart upload and stores it. */
export async function storeGraphQLUpload(
  upload: Promise<FileUpload> | FileUpload,
  maxBytes: number,
): Promise<StoredUpload> {
  const file = await upload;
  if (!file || typeof file.createReadStream !== 'function') {
    throw AppError.badInput(
      'Fichier manquant : envoyez le classeur dans le champ « file » (multipart).',
      { field: 'file' },
    );
  }
  let source: Readable;
  try {
    // Throws when the parser already cut the file at the size limit.
    source = file.createReadStream();
  } catch (error) {
    throw toUploadError(error, maxBytes);
  }
  // At the size limit, graphql-upload-minimal unpipes the stream without ending or failing
  // it, which would leave the copy waiting forever.
  source.once('limit', () => source.destroy(AppError.payloadTooLarge(maxBytes)));
  return storeStream(source, file.filename, maxBytes);
}

function toUploadError(error: unknown, maxBytes: number): AppError {
  if (error instanceof AppError) return error;
  const status =
    (error as { status?: number; statusCode?: number }).status ??
    (error as { statusCode?: number }).statusCode;
  if (status === 413) return AppError.payloadTooLarge(maxBytes);
  return AppError.badInput("Le fichier n'a pas pu être reçu en entier.", { field: 'file' });
}
