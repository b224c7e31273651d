import 'reflect-metadata';

import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { loadConfig } from '../src/core/config';
import { createLogger } from '../src/core/logger';
import { openDatabase } from '../src/db/orm';
import { createServices } from '../src/http/services';

/**
 * One import measurement, run in its own process so that peak RSS belongs to this import
 * alone. Usage: `DATABASE_URL=sqlite:FRESH.sqlite node dist/bench/import-once.js WORKBOOK`.
 * Prints one JSON line: import wall time (ms), RSS before the import and the process's
 * peak RSS (KiB), row counts and the SQLite version.
 */
export interface ImportMeasurement {
  durationMs: number;
  /** Resident set size just before the import call, modules loaded and database open. */
  rssBeforeKiB: number;
  maxRssKiB: number;
  rows: number;
  warnings: number;
  version: string | null;
  sqliteVersion: string;
}

async function main(): Promise<void> {
  const workbook = process.argv[2];
  if (!workbook) throw new Error('Usage: node dist/bench/import-once.js WORKBOOK.xlsx');

  const config = loadConfig();
  const logger = createLogger('warn');
  const orm = await openDatabase(config.database, logger);
  try {
    const services = createServices(config, logger, orm);
    const rssBeforeKiB = process.memoryUsage().rss / 1024;
    const started = performance.now();
    const log = await services.imports.importFile(orm.em.fork(), {
      filePath: path.resolve(workbook),
      sourceFile: path.basename(workbook),
      importedBy: 'bench',
    });
    const durationMs = performance.now() - started;

    const rows: { version: string }[] = await orm.em
      .getKnex()
      .raw('select sqlite_version() as version');
    const measurement: ImportMeasurement = {
      durationMs,
      rssBeforeKiB,
      // Read after the import: maxRSS is the peak of the whole process so far, in KiB.
      maxRssKiB: process.resourceUsage().maxRSS,
      rows: log.rowCount,
      warnings: log.warningCount,
      version: log.version ?? null,
      sqliteVersion: rows[0]?.version ?? 'unknown',
    };
    process.stdout.write(`${JSON.stringify(measurement)}\n`);
  } finally {
    await orm.close();
  }
}

main().catch((error) => {
  process.stderr.write(`import-once failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
