import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { DIST_DIR, REPO_ROOT } from './environment';
import type { ImportMeasurement } from './import-once';
import { max, median } from './stats';

const execFileAsync = promisify(execFile);

/** An import run longer than this is reported as failed rather than waited for. */
const IMPORT_TIMEOUT_MS = 5 * 60 * 1000;

export interface ImportBenchResult {
  runs: ImportMeasurement[];
  medianMs: number;
  maxMs: number;
  /** Peak resident set size in MB (10^6 bytes), the unit of the memory target. */
  medianRssMB: number;
  maxRssMB: number;
  /** RSS before the import call (code loaded, database open), median over runs, in MB. */
  medianRssBeforeMB: number;
}

/** Imports the workbook into a fresh SQLite file in a child process and returns its figures. */
async function importOnce(workbook: string, databaseFile: string): Promise<ImportMeasurement> {
  const script = path.join(DIST_DIR, 'bench', 'import-once.js');
  const { stdout } = await execFileAsync(process.execPath, [script, workbook], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: `sqlite:${databaseFile}`, LOG_LEVEL: 'warn' },
    timeout: IMPORT_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
  const lastLine = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(lastLine) as ImportMeasurement;
  } catch {
    throw new Error(`import-once printed no measurement; its output was:\n${stdout}`);
  }
}

/** Runs `runs` imports one after the other, each into its own new database file. */
export async function runImportBench(
  workbook: string,
  tempDir: string,
  runs: number,
  onRun: (index: number, measurement: ImportMeasurement) => void = () => {},
): Promise<ImportBenchResult> {
  const measurements: ImportMeasurement[] = [];
  for (let index = 0; index < runs; index += 1) {
    const databaseFile = path.join(tempDir, `import-${index + 1}.sqlite`);
    const measurement = await importOnce(workbook, databaseFile);
    measurements.push(measurement);
    onRun(index, measurement);
  }

  const durations = measurements.map((run) => run.durationMs);
  const rssMB = measurements.map((run) => (run.maxRssKiB * 1024) / 1e6);
  return {
    runs: measurements,
    medianMs: median(durations),
    maxMs: max(durations),
    medianRssMB: median(rssMB),
    maxRssMB: max(rssMB),
    medianRssBeforeMB: median(measurements.map((run) => (run.rssBeforeKiB * 1024) / 1e6)),
  };
}
