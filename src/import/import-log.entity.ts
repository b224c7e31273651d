import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

import { Categorie, ImportWarning } from './workbook.types';

export enum ImportStatus {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

/** Summary of one imported sheet, stored as JSON in the log. */
export interface SheetSummary {
  name: string;
  categorie: Categorie;
  headerRow: number;
  declaredCount: number | null;
  rowCount: number;
  warningCount: number;
  warningsByKind: Record<string, number>;
}

/**
 * One import attempt. The latest SUCCEEDED log of a version label is that published
 * version; RUNNING and FAILED logs never change what clients read.
 */
@Entity({ tableName: 'import_log' })
@Index({ properties: ['version', 'status'] })
export class ImportLog {
  [OptionalProps]?: 'status' | 'startedAt' | 'rowCount' | 'warningCount';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** Version label `YYYY-MM-DD`; null while unknown or when the workbook was rejected. */
  @Property({ type: 'string', length: 10, nullable: true })
  version: string | null = null;

  @Property({ type: 'text' })
  sourceFile!: string;

  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Enum({ items: () => ImportStatus, type: 'string', length: 16 })
  status: ImportStatus = ImportStatus.RUNNING;

  /** Sheet names the admin asked for; null means every sheet. */
  @Property({ type: 'json', nullable: true })
  requestedSheets: string[] | null = null;

  @Property({ type: 'integer', nullable: true })
  importedById: number | null = null;

  /** Who ran it: an email, or `cli` for the shell command. */
  @Property({ type: 'text', nullable: true })
  importedBy: string | null = null;

  @Property({ type: 'datetime' })
  startedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;

  @Property({ type: 'json', nullable: true })
  sheets: SheetSummary[] | null = null;

  @Property({ type: 'integer' })
  rowCount = 0;

  @Property({ type: 'integer' })
  warningCount = 0;

  /** The first warnings, with their sheet row; the full count is in `warningCount`. */
  @Property({ type: 'json', nullable: true })
  warnings: ImportWarning[] | null = null;

  /** Why the import failed, in French, as shown to the admin. */
  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Property({ type: 'integer', nullable: true })
  durationMs: number | null = null;
}
