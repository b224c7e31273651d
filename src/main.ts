import 'reflect-metadata';

import path from 'node:path';

import { loadConfig } from './core/config';
import { AppError } from './core/errors';
import { createLogger, Logger } from './core/logger';
import { startServer } from './http/server';
import { Services } from './http/services';

/** Reads `--import FILE` from the command line. */
function importArgument(argv: string[]): string | null {
  const index = argv.indexOf('--import');
  if (index === -1) return null;
  const file = argv[index + 1];
  if (!file || file.startsWith('--'))
    throw new Error('--import needs a workbook path: npm start -- --import FILE.xlsx');
  return path.resolve(file);
}

/** Imports the workbook unless its version is already published. */
async function importAtStart(services: Services, filePath: string, logger: Logger): Promise<void> {
  const em = services.orm.em.fork();
  const preview = await services.imports.preview(filePath);
  const published = await services.versions.list(em);
  if (preview.version && published.some((version) => version.version === preview.version)) {
    logger.info(
      { version: preview.version, file: filePath },
      'workbook version already published, import skipped',
    );
    return;
  }
  await services.imports.importFile(em, {
    filePath,
    sourceFile: path.basename(filePath),
    importedBy: 'cli',
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const workbook = importArgument(process.argv.slice(2)) ?? (config.importFile || null);
  const running = await startServer(config, logger);

  if (workbook) {
    try {
      await importAtStart(running.services, workbook, logger);
    } catch (error) {
      const message = error instanceof AppError ? error.message : String(error);
      logger.error({ err: error, file: workbook }, `import at start failed: ${message}`);
    }
  }

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    running.stop().then(
      () => logger.flush(() => process.exit(0)),
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        logger.flush(() => process.exit(1));
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  // The logger may not exist yet (bad configuration), so this goes to stderr directly.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
