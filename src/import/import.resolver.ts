import { GraphQLUpload } from 'graphql-upload-minimal';
import type { FileUpload } from 'graphql-upload-minimal';
import { Arg, Ctx, Directive, Int, Mutation, Query, Resolver } from 'type-graphql';

import { AppError } from '../core/errors';
import type { GraphQLContext } from '../http/context';
import { ImportLog, SheetSummary } from './import-log.entity';
import { ImportLogType, ImportPreviewType, ImportSheetType } from './import.types';
import { storeGraphQLUpload, StoredUpload } from './upload';

/** Shapes a sheet summary for GraphQL, with warning counts as a list. */
export function toSheetType(sheet: SheetSummary): ImportSheetType {
  const warningsByKind = Object.entries(sheet.warningsByKind ?? {}).map(([kind, count]) => ({
    kind,
    count,
  }));
  return { ...sheet, warningsByKind };
}

/** Shapes an import log for GraphQL. */
export function toImportLogType(log: ImportLog): ImportLogType {
  return {
    ...log,
    sheets: (log.sheets ?? []).map(toSheetType),
    warnings: log.warnings ?? [],
  };
}

async function withUpload<T>(
  context: GraphQLContext,
  file: Promise<FileUpload>,
  work: (upload: StoredUpload) => Promise<T>,
): Promise<T> {
  const upload = await storeGraphQLUpload(file, context.services.config.maxUploadBytes);
  try {
    return await work(upload);
  } finally {
    await upload.dispose();
  }
}

/** Checks the `limit` argument of `importLogs`: 1 to 200. */
function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw AppError.badInput(`limit invalide (${limit}) : il doit être compris entre 1 et 200.`, {
      field: 'limit',
    });
  }
  return limit;
}

@Resolver()
export class ImportResolver {
  @Directive('@requiresRole(role: ADMIN)')
  @Mutation(() => ImportPreviewType, {
    description: "Analyse un classeur et résume ce qu'un import ferait, sans rien écrire.",
  })
  previewImport(
    @Arg('file', () => GraphQLUpload) file: Promise<FileUpload>,
    @Arg('version', () => String, { nullable: true }) version: string | null,
    @Arg('sheetNames', () => [String], { nullable: true }) sheetNames: string[] | null,
    @Ctx() context: GraphQLContext,
  ): Promise<ImportPreviewType> {
    return withUpload(context, file, async (upload) => {
      const preview = await context.services.imports.preview(upload.filePath, version, sheetNames);
      return { ...preview, sheets: preview.sheets.map(toSheetType) };
    });
  }

  @Directive('@requiresRole(role: ADMIN)')
  @Mutation(() => ImportLogType, {
    description:
      'Importe un classeur en une transaction : publie la version entière ou rien. Réimporter une version la remplace.',
  })
  importNomenclature(
    @Arg('file', () => GraphQLUpload) file: Promise<FileUpload>,
    @Arg('version', () => String, {
      nullable: true,
      description: 'AAAA-MM-JJ ; lue dans les titres si absente.',
    })
    version: string | null,
    @Arg('sheetNames', () => [String], {
      nullable: true,
      description: 'Feuilles à importer ; toutes si absent.',
    })
    sheetNames: string[] | null,
    @Ctx() context: GraphQLContext,
  ): Promise<ImportLogType> {
    return withUpload(context, file, async (upload) => {
      const log = await context.services.imports.importFile(context.em, {
        filePath: upload.filePath,
        sourceFile: upload.filename,
        label: version,
        sheetNames,
        importedBy: context.access.principal?.email ?? 'inconnu',
        importedById: context.access.principal?.userId ?? null,
      });
      return toImportLogType(log);
    });
  }

  @Directive('@requiresRole(role: ADMIN)')
  @Query(() => [ImportLogType], { description: "Journaux d'import, les plus récents en premier." })
  async importLogs(
    @Arg('limit', () => Int, { defaultValue: 50 }) limit: number,
    @Ctx() context: GraphQLContext,
  ): Promise<ImportLogType[]> {
    const logs = await context.em.find(
      ImportLog,
      {},
      { orderBy: { id: 'desc' }, limit: checkLimit(limit) },
    );
    return logs.map(toImportLogType);
  }
}
