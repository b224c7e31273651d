import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ImportNomenclatureDocument, PreviewImportDocument } from '../generated/operations';
import { multipartRequest } from '../support/graphql';
import { startTestServer, TestServer } from '../support/server';
import { writeTextAsWorkbook, writeTruncatedWorkbook } from '../support/test-workbooks';
import { uploadWorkbook } from '../support/upload';

/**
 * Rejection messages used to name the temporary copy of the upload (a random name from the
 * REST multipart parser, `upload.xlsx` over GraphQL) instead of the file the admin sent.
 */
describe('import error names the temporary file', () => {
  let server: TestServer;
  let token: string;
  let folder: string;
  let corrupt: string;
  let text: string;

  beforeAll(async () => {
    server = await startTestServer();
    token = await server.adminToken();
    folder = mkdtempSync(path.join(os.tmpdir(), 'npp-regression-'));
    corrupt = path.join(folder, 'nomenclature juillet.xlsx');
    text = path.join(folder, 'export-ministere.xlsx');
    await writeTruncatedWorkbook(corrupt);
    await writeTextAsWorkbook(text);
  });

  afterAll(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('names the file sent to POST /import/nomenclature', async () => {
    const upload = await uploadWorkbook(server, corrupt, { token });

    expect(upload.body.code).toBe('IMPORT_REJECTED');
    expect(upload.body.message).toContain('« nomenclature juillet.xlsx »');
  });

  it('names the file sent to POST /import/sheets/preview', async () => {
    const upload = await uploadWorkbook(server, text, { token, route: '/import/sheets/preview' });

    expect(upload.body.code).toBe('IMPORT_REJECTED');
    expect(upload.body.message).toContain('« export-ministere.xlsx »');
  });

  it('names the file sent to importNomenclature', async () => {
    const response = await multipartRequest(server, ImportNomenclatureDocument, {
      variables: {},
      file: { filePath: corrupt },
      token,
    });

    const [error] = response.errors ?? [];
    expect(error?.extensions.code).toBe('IMPORT_REJECTED');
    expect(error?.message).toContain('« nomenclature juillet.xlsx »');
  });

  it('names the file sent to previewImport', async () => {
    const response = await multipartRequest(server, PreviewImportDocument, {
      variables: {},
      file: { filePath: text },
      token,
    });

    const [error] = response.errors ?? [];
    expect(error?.extensions.code).toBe('IMPORT_REJECTED');
    expect(error?.message).toContain('« export-ministere.xlsx »');
  });
});
