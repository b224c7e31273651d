import Router from '@koa/router';
import type { File } from 'formidable';
import { koaBody } from 'koa-body';

import { AppError } from '../core/errors';
import type { RequestState } from '../http/context';
import type { Services } from '../http/services';
import { requireAdmin } from '../http/rest-access';
import { toImportLogType, toSheetType } from './import.resolver';

/** Reads `sheet_names`, repeated or comma-separated. */
function readSheetNames(value: unknown): string[] | null {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
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

/** `POST /import/sheets/preview` and `POST /import/nomenclature`: multipart, admins only. */
export function importRoutes(services: Services): Router {
  const router = new Router();
  const multipart = koaBody({
    multipart: true,
    json: false,
    text: false,
    urlencoded: false,
    formidable: { maxFileSize: services.config.maxUploadBytes, maxFiles: 1, keepExtensions: true },
  });

  router.post('/import/sheets/preview', requireAdmin, multipart, async (ctx) => {
    const file = uploadedFile(ctx.request.files as Record<string, File | File[]>);
    const body = ctx.request.body ?? {};
    const preview = await services.imports.preview(
      file.filepath,
      readVersion(body.version),
      readSheetNames(body.sheet_names),
    );
    ctx.body = { ...preview, sheets: preview.sheets.map(toSheetType) };
  });

  router.post('/import/nomenclature', requireAdmin, multipart, async (ctx) => {
    const state = ctx.state as RequestState;
    const file = uploadedFile(ctx.request.files as Record<string, File | File[]>);
    const body = ctx.request.body ?? {};
    const log = await services.imports.importFile(state.em, {
      filePath: file.filepath,
      sourceFile: file.originalFilename ?? 'nomenclature.xlsx',
      label: readVersion(body.version),
      sheetNames: readSheetNames(body.sheet_names),
      importedBy: state.access.principal?.email ?? 'inconnu',
      importedById: state.access.principal?.userId ?? null,
    });
    ctx.status = 201;
    ctx.body = toImportLogType(log);
  });

  return router;
}
