import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
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
  const folder = await mkdtemp(path.join(os.tmpdir(), 'npp-upload-'));
  const filePath = path.join(folder, 'upload.xlsx');
  const dispose = () => rm(folder, { recursive: true, force: true });
  try {
    await pipeline(source, sizeGuard(maxBytes), createWriteStream(filePath));
  } catch (error) {
    await dispose();
    throw toUploadError(error, maxBytes);
  }
  return { filePath, filename: path.basename(filename || 'nomenclature.xlsx'), dispose };
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
  return storeStream(file.createReadStream(), file.filename, maxBytes);
}

function toUploadError(error: unknown, maxBytes: number): AppError {
  if (error instanceof AppError) return error;
  const status =
    (error as { status?: number; statusCode?: number }).status ??
    (error as { statusCode?: number }).statusCode;
  if (status === 413) return AppError.payloadTooLarge(maxBytes);
  return AppError.badInput("Le fichier n'a pas pu être reçu en entier.", { field: 'file' });
}
