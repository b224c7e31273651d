import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ImportLogsDocument } from '../generated/operations';
import { REAL_TOTAL, REAL_VERSION } from '../support/nomenclature';
import { ADMIN_EMAIL, REAL_WORKBOOK, startTestServer, TestServer } from '../support/server';
import { writeTextAsWorkbook } from '../support/test-workbooks';
import { uploadWorkbook } from '../support/upload';

describe('importLogs', () => {
  let server: TestServer;
  let token: string;
  let folder: string;

  beforeAll(async () => {
    server = await startTestServer();
    token = await server.adminToken();
    folder = mkdtempSync(path.join(os.tmpdir(), 'npp-logs-test-'));
    const rejected = path.join(folder, 'pas-un-classeur.xlsx');
    await writeTextAsWorkbook(rejected);
    await uploadWorkbook(server, REAL_WORKBOOK, { token });
    await uploadWorkbook(server, rejected, { token });
  });

  afterAll(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists every attempt, newest first', async () => {
    const client = server.client({ token });

    const { importLogs } = await client.request(ImportLogsDocument, {});

    expect(importLogs.map((log) => [log.sourceFile, log.status])).toEqual([
      ['pas-un-classeur.xlsx', 'FAILED'],
      ['nomenclature-2025-07.xlsx', 'SUCCEEDED'],
    ]);
  });

  it('describes a successful import', async () => {
    const client = server.client({ token });

    const { importLogs } = await client.request(ImportLogsDocument, {});

    const succeeded = importLogs[1];
    expect(succeeded.version).toBe(REAL_VERSION);
    expect(succeeded.importedBy).toBe(ADMIN_EMAIL);
    expect(succeeded.rowCount).toBe(REAL_TOTAL);
    expect(succeeded.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(succeeded.error).toBeNull();
    expect(succeeded.warningCount).toBeGreaterThan(0);
  });

  it('says why an import failed', async () => {
    const client = server.client({ token });

    const { importLogs } = await client.request(ImportLogsDocument, {});

    const failed = importLogs[0];
    expect(failed.error).toContain("n'est pas un classeur");
    expect(failed.version).toBeNull();
    expect(failed.sheets).toEqual([]);
  });

  it('returns at most limit logs', async () => {
    const client = server.client({ token });

    const { importLogs } = await client.request(ImportLogsDocument, { limit: 1 });

    expect(importLogs.map((log) => log.sourceFile)).toEqual(['pas-un-classeur.xlsx']);
  });
});
