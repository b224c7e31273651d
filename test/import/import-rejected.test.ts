import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  ImportLogsDocument,
  ImportNomenclatureDocument,
  VersionsDocument,
} from '../generated/operations';
import { multipartRequest } from '../support/graphql';
import {
  countsByCategory,
  REAL_COUNTS,
  startServerWithRealWorkbook,
} from '../support/nomenclature';
import type { TestServer } from '../support/server';
import {
  writeTextAsWorkbook,
  writeTruncatedWorkbook,
  writeWorkbookWithoutNomenclature,
} from '../support/test-workbooks';
import { uploadWorkbook } from '../support/upload';

/** Files an import must reject, how to write them, and words the message must contain. */
const REJECTED_FILES = [
  {
    name: 'tronque.xlsx',
    write: writeTruncatedWorkbook,
    reason: 'CORRUPT_WORKBOOK',
    explanation: 'endommagé',
  },
  {
    name: 'export.xlsx',
    write: writeTextAsWorkbook,
    reason: 'NOT_XLSX',
    explanation: "n'est pas un classeur",
  },
  {
    name: 'budget.xlsx',
    write: writeWorkbookWithoutNomenclature,
    reason: 'NO_RECOGNISED_SHEET',
    explanation: 'Budget',
  },
];

/**
 * A rejected workbook must leave the published version exactly as it was and record a FAILED
 * import log that gives the reason.
 */
describe('rejected workbooks', () => {
  let server: TestServer;
  let token: string;
  let folder: string;

  const filePath = (name: string) => path.join(folder, name);

  const latestLog = async () => {
    const client = server.client({ token });
    const [log] = (await client.request(ImportLogsDocument, { limit: 1 })).importLogs;
    return log;
  };

  beforeAll(async () => {
    server = await startServerWithRealWorkbook();
    token = await server.adminToken();
    folder = mkdtempSync(path.join(os.tmpdir(), 'npp-rejected-test-'));
    for (const file of REJECTED_FILES) await file.write(filePath(file.name));
  });

  afterAll(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  describe('POST /import/nomenclature', () => {
    it.each(REJECTED_FILES)('rejects $name with $reason', async (file) => {
      const upload = await uploadWorkbook(server, filePath(file.name), { token });

      expect(upload.status).toBe(422);
      expect(upload.body.code).toBe('IMPORT_REJECTED');
      expect(upload.body.reason).toBe(file.reason);
      expect(upload.body.message).toContain(file.explanation);
    });

    it.each(REJECTED_FILES)('keeps the published version after $name', async (file) => {
      await uploadWorkbook(server, filePath(file.name), { token });

      const client = server.client({ token });
      const { versions } = await client.request(VersionsDocument);
      expect(versions).toHaveLength(1);
      expect(await countsByCategory(server)).toEqual(REAL_COUNTS);
    });

    it.each(REJECTED_FILES)('records a FAILED log for $name', async (file) => {
      const upload = await uploadWorkbook(server, filePath(file.name), { token });

      const log = await latestLog();
      expect(log.status).toBe('FAILED');
      expect(log.sourceFile).toBe(file.name);
      expect(log.version).toBeNull();
      expect(log.rowCount).toBe(0);
      expect(log.error).toBe(upload.body.message);
    });
  });

  describe('importNomenclature', () => {
    it.each(REJECTED_FILES)('rejects $name with $reason', async (file) => {
      const response = await multipartRequest(server, ImportNomenclatureDocument, {
        variables: {},
        file: { filePath: filePath(file.name) },
        token,
      });

      const [error] = response.errors ?? [];
      expect(response.data).toBeNull();
      expect(error?.extensions.code).toBe('IMPORT_REJECTED');
      expect(error?.extensions.reason).toBe(file.reason);
      expect(error?.message).toContain(file.explanation);
    });

    it.each(REJECTED_FILES)('keeps the published version after $name', async (file) => {
      await multipartRequest(server, ImportNomenclatureDocument, {
        variables: {},
        file: { filePath: filePath(file.name) },
        token,
      });

      const log = await latestLog();
      expect(log.status).toBe('FAILED');
      expect(log.sourceFile).toBe(file.name);
      expect(await countsByCategory(server)).toEqual(REAL_COUNTS);
    });
  });
});
