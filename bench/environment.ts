import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Repository root: this file runs from `dist/bench/`, two folders below it. */
export const REPO_ROOT = path.resolve(__dirname, '../..');

/** Compiled app and bench code, as `npm run build` leaves them. */
export const DIST_DIR = path.join(REPO_ROOT, 'dist');

/** Folder of `latest.md`, git-ignored. */
export const RESULTS_DIR = path.join(REPO_ROOT, 'bench', 'results');

/** Resolves the workbook to import: `NPP_WORKBOOK`, else the July 2025 nomenclature beside the repo. */
export function workbookPath(): string {
  const file = process.env.NPP_WORKBOOK
    ? path.resolve(process.env.NPP_WORKBOOK)
    : path.resolve(REPO_ROOT, '../shared/data/nomenclature-2025-07.xlsx');
  if (!fs.existsSync(file)) {
    throw new Error(`Workbook not found: ${file}. Set NPP_WORKBOOK to an .xlsx nomenclature file.`);
  }
  return file;
}

/** Creates the temporary folder of one bench run (databases, Lua scripts, server log). */
export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'npp-bench-'));
}
