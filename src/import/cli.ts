import 'reflect-metadata';

import path from 'node:path';

import { SingleBar, Presets } from 'cli-progress';

import { loadConfig } from '../core/config';
import { AppError } from '../core/errors';
import { createLogger } from '../core/logger';
import { openDatabase } from '../db/orm';
import { startDataSync } from '../http/nomenclature-services';
import { createServices } from '../http/services';
import type { ImportLog } from './import-log.entity';

const USAGE = 'Usage : npm run import -- FICHIER.xlsx [--label AAAA-MM-JJ] [--sheets NOM,NOM...]';

interface CliArguments {
  file: string;
  label: string | null;
  sheets: string[] | null;
}

/** Parses `FILE [--label YYYY-MM-DD] [--sheets NAME,...]`. */
export function parseArguments(argv: string[]): CliArguments {
  let file: string | null = null;
  let label: string | null = null;
  let sheets: string[] | null = null;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--label') label = argv[++index] ?? '';
    else if (argument === '--sheets')
      sheets = (argv[++index] ?? '').split(',').filter((name) => name.trim());
    else if (argument.startsWith('--')) throw new Error(`Option inconnue : ${argument}\n${USAGE}`);
    else if (!file) file = argument;
    else throw new Error(`Argument en trop : ${argument}\n${USAGE}`);
  }
  if (!file) throw new Error(USAGE);
  if (label === '') throw new Error(`--label attend une date AAAA-MM-JJ\n${USAGE}`);
  return { file: path.resolve(file), label, sheets };
}

function printSummary(log: ImportLog): void {
  const lines = [
    `Version ${log.version} publiée : ${log.rowCount} lignes, ${log.warningCount} anomalies.`,
  ];
  for (const sheet of log.sheets ?? []) {
    const declared =
      sheet.declaredCount === null ? 'non annoncé' : `${sheet.declaredCount} annoncées`;
    const kinds = Object.entries(sheet.warningsByKind)
      .map(([kind, count]) => `${kind}=${count}`)
      .join(', ');
    lines.push(
      `  « ${sheet.name} » (${sheet.categorie}) : en-tête ligne ${sheet.headerRow}, ${sheet.rowCount} lignes (${declared}), ` +
        `${sheet.warningCount} anomalies${kinds ? ` [${kinds}]` : ''}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function run(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const config = loadConfig();
  // The per-request and lifecycle logs would interleave with the progress bar.
  const logger = createLogger(process.stderr.isTTY ? 'warn' : config.logLevel, { sync: true });
  const orm = await openDatabase(config.database, logger);
  const services = createServices(config, logger, orm);
  // With REDIS_URL, running servers hear about the import and drop their caches.
  const dataSync = await startDataSync(services);
  const bar = process.stderr.isTTY
    ? new SingleBar(
        { format: '{stage} |{bar}| {value} lignes — {sheet}', hideCursor: true },
        Presets.shades_classic,
      )
    : null;
  bar?.start(10_000, 0, { stage: 'lecture', sheet: '' });

  try {
    const log = await services.imports.importFile(orm.em.fork(), {
      filePath: args.file,
      sourceFile: path.basename(args.file),
      label: args.label,
      sheetNames: args.sheets,
      importedBy: 'cli',
      onProgress: ({ stage, sheet, rows, total }) => {
        if (total) bar?.setTotal(total);
        bar?.update(rows, {
          stage: stage === 'parse' ? 'lecture ' : 'écriture',
          sheet: sheet ?? '',
        });
      },
    });
    bar?.stop();
    printSummary(log);
  } finally {
    bar?.stop();
    await dataSync.stop();
    await orm.close();
  }
}

run().catch((error) => {
  const message =
    error instanceof AppError
      ? `${error.code} : ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
  process.stderr.write(`Échec de l'import : ${message}\n`);
  process.exit(1);
});
