import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { TestServer } from './server';

export interface UploadOptions {
  token: string;
  version?: string;
  sheetNames?: string[];
  /** REST route: `/import/nomenclature` (default) or `/import/sheets/preview`. */
  route?: string;
}

/** Sends a workbook to the REST import route as multipart, like an admin's browser would. */
export async function uploadWorkbook(server: TestServer, filePath: string, options: UploadOptions): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('file', new Blob([await readFile(filePath)]), path.basename(filePath));
  if (options.version) form.append('version', options.version);
  for (const name of options.sheetNames ?? []) form.append('sheet_names', name);
  const response = await fetch(`${server.url}${options.route ?? '/import/nomenclature'}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.token}` },
    body: form,
  });
  return { status: response.status, body: await response.json() };
}
