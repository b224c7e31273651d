import { rm } from 'node:fs/promises';

import Router from '@koa/router';
import type { File } from 'formidable';
import type { Middleware } from 'koa';
import { koaBody } from 'koa-body';

import { AppError } from '../core/errors';
import type { RequestState } from '../http/context';
import type { Services } from '../http/services';
import { requireAdmin } from '../http/rest-access';
import { toImportLogType, toSheetType } from './import.resolver';
import { storeReceivedFile, StoredUpload } from './upload';

/** Reads `sheet_names`, repeated or comma-separated. */
function readSheetNames(value: unknown): string[] | null {
  let values: unknown[] = [];
  if (Array.isArray(value)) values = value;
  else if (value !== undefined) values = [value];
  const names = values
    .flatMap((entry) => String(entry).split(','))
    .filter((name) => name.trim() !== '');
  return names.length > 0 ? names : null;
}

function readVersion(value: unknown): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : null;
}

function uploadedFile(files: Record<string, File | File[]> | undefined): File {
  const entry = files?.file;
  const file = Array.isArray(entry) ? entry[0] : entry;
  if (!file)
    throw AppError.badInput(
      'Fichier manquant : envoyez le classeur dans le champ « file » (multipart).',
      { field: 'file' },
    );
  return file;
}

/**
 * Runs `work` on the uploaded workbook, stored under the name the client gave it, then
 * deletes every file the multipart parser wrote: formidable never removes them itself.
 */
async function withUploadedFile<T>(
  files: Record<string, File | File[]> | undefined,
  work: (upload: StoredUpload) => Promise<T>,
): Promise<T> {
  try {
    const file = uploadedFile(files);
    const upload = await storeReceivedFile(file.filepath, file.originalFilename);
    try {
      return await work(upload);
    } finally {
      await upload.dispose();
    }
  } finally {
    const received = Object.values(files ?? {}).flat();
    await Promise.all(received.map((file) => rm(file.filepath, { force: true })));
  }
}

/** `POST /import/sheets/preview` and `POST /import/nomenclature`: multipart, admins only. */
export function importRoutes(services: Services): Router {
  const router = new Router();
  const parseMultipart = koaBody({
    multipart: true,
    json: false,
    text: false,
    urlencoded: false,
    formidable: { maxFileSize: services.config.maxUploadBytes, maxFiles: 1, keepExtensions: true },
  });
  // formidable stops reading a request it rejects (a file over the limit). The rest is read
  // and dropped, or the connection stays stuck mid-request and a graceful stop never ends.
  const multipart: Middleware = async (ctx, next) => {
    try {
      await parseMultipart(ctx, next);
    } catch (error) {
      if (!ctx.req.readableEnded) ctx.req.resume();
      throw error;
    }
  };

  router.post('/import/sheets/preview', requireAdmin, multipart, async (ctx) => {
    const body = ctx.request.body ?? {};
    const files = ctx.request.files as Record<string, File | File[]>;
    const preview = await withUploadedFile(files, (upload) =>
      services.imports.preview(
        upload.filePath,
        readVersion(body.version),
        readSheetNames(body.sheet_names),
      ),
    );
    ctx.body = { ...preview, sheets: preview.sheets.map(toSheetType) };
  });

  router.post('/import/nomenclature', requireAdmin, multipart, async (ctx) => {
    const state = ctx.state as RequestState;
    const body = ctx.request.body ?? {};
    const files = ctx.request.files as Record<string, File | File[]>;
    const log = await withUploadedFile(files, (upload) =>
      services.imports.importFile(state.em, {
        filePath: upload.filePath,
        sourceFile: upload.filename,
        label: readVersion(body.version),
        sheetNames: readSheetNames(body.sheet_names),
        importedBy: state.access.principal?.email ?? 'inconnu',
        importedById: state.access.principal?.userId ?? null,
      }),
    );
    ctx.status = 201;
    ctx.body = toImportLogType(log);
  });

  return router;
}
