import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  ImportLogsDocument,
  ImportNomenclatureDocument,
  PreviewImportDocument,
} from '../generated/operations';
import { multipartRequest } from '../support/graphql';
import { startTestServer, TestServer } from '../support/server';
import { writeFileOfSize, writeSmallWorkbook } from '../support/test-workbooks';
import { uploadWorkbook } from '../support/upload';

const MEGABYTE = 1024 * 1024;

/** Uploads past MAX_UPLOAD_MB are refused before any import starts. */
describe('upload size limit', () => {
  let server: TestServer;
  let token: string;
  let folder: string;
  let tooLarge: string;

  beforeAll(async () => {
    server = await startTestServer({ MAX_UPLOAD_MB: '1' });
    token = await server.adminToken();
    folder = mkdtempSync(path.join(os.tmpdir(), 'npp-limit-test-'));
    tooLarge = path.join(folder, 'trop-gros.xlsx');
    await writeFileOfSize(tooLarge, 2 * MEGABYTE);
  });

  afterAll(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  describe.each(['/import/nomenclature', '/import/sheets/preview'])('POST %s', (route) => {
    it('rejects a 2 MB file with PAYLOAD_TOO_LARGE', async () => {
      const upload = await uploadWorkbook(server, tooLarge, { token, route });

      expect(upload.status).toBe(413);
      expect(upload.body.code).toBe('PAYLOAD_TOO_LARGE');
      expect(upload.body.message).toContain('1 Mo');
    });
  });

  describe('importNomenclature', () => {
    it('rejects a 2 MB file with PAYLOAD_TOO_LARGE', async () => {
      const response = await multipartRequest(server, ImportNomenclatureDocument, {
        variables: {},
        file: { filePath: tooLarge },
        token,
      });

      const [error] = response.errors ?? [];
      expect(error?.extensions.code).toBe('PAYLOAD_TOO_LARGE');
      expect(error?.message).toContain('1 Mo');
    });
  });

  describe('previewImport', () => {
    it('rejects a 2 MB file with PAYLOAD_TOO_LARGE', async () => {
      const response = await multipartRequest(server, PreviewImportDocument, {
        variables: {},
        file: { filePath: tooLarge },
        token,
      });

      const [error] = response.errors ?? [];
      expect(error?.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });

  it('logs no import attempt for the refused files', async () => {
    const client = server.client({ token });

    const { importLogs } = await client.request(ImportLogsDocument, {});

    expect(importLogs).toEqual([]);
  });

  it('accepts a workbook under the limit', async () => {
    const small = path.join(folder, 'petit.xlsx');
    await writeSmallWorkbook(small, { NOMENCLATURE: 3, NON_RENOUVELE: 2, RETRAIT: 1 });

    const upload = await uploadWorkbook(server, small, { token });

    expect(upload.status).toBe(201);
    expect(upload.body.rowCount).toBe(6);
  });
});
