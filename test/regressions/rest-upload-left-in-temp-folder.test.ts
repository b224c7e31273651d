import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startTestServer, TestServer } from '../support/server';
import { writeSmallWorkbook } from '../support/test-workbooks';
import { uploadWorkbook } from '../support/upload';

/** Files directly in the system's temporary folder whose bytes equal those of `filePath`. */
function copiesInTemporaryFolder(filePath: string): string[] {
  const content = readFileSync(filePath);
  const folder = os.tmpdir();
  return readdirSync(folder)
    .map((name) => path.join(folder, name))
    .filter((candidate) => {
      try {
        const stats = statSync(candidate);
        return stats.isFile() && stats.size === content.length && candidate !== filePath;
      } catch {
        return false;
      }
    })
    .filter((candidate) => readFileSync(candidate).equals(content));
}

/**
 * Every REST upload used to stay in the system's temporary folder: the multipart parser
 * (formidable) writes each file there under a random name and never deletes it.
 */
describe('REST upload left in the temporary folder', () => {
  let server: TestServer;
  let token: string;
  let workbooks: string;

  beforeAll(async () => {
    server = await startTestServer();
    token = await server.adminToken();
    workbooks = mkdtempSync(path.join(os.tmpdir(), 'npp-regression-'));
  });

  afterAll(async () => {
    await server.close();
    rmSync(workbooks, { recursive: true, force: true });
  });

  it('removes an imported workbook', async () => {
    const file = path.join(workbooks, 'petit.xlsx');
    await writeSmallWorkbook(file, { NOMENCLATURE: 2, NON_RENOUVELE: 1, RETRAIT: 1 });

    const upload = await uploadWorkbook(server, file, { token });

    expect(upload.status).toBe(201);
    expect(copiesInTemporaryFolder(file)).toEqual([]);
  });

  it('removes a previewed workbook', async () => {
    const file = path.join(workbooks, 'apercu.xlsx');
    await writeSmallWorkbook(file, { NOMENCLATURE: 1, NON_RENOUVELE: 1, RETRAIT: 2 });

    const upload = await uploadWorkbook(server, file, { token, route: '/import/sheets/preview' });

    expect(upload.status).toBe(200);
    expect(copiesInTemporaryFolder(file)).toEqual([]);
  });

  it('removes a rejected file', async () => {
    // Unique content, so that no other file of the temporary folder can equal it.
    const file = path.join(workbooks, 'texte.xlsx');
    writeFileSync(file, `N;NOM DE MARQUE\n1;${randomUUID()}\n`);

    const upload = await uploadWorkbook(server, file, { token });

    expect(upload.status).toBe(422);
    expect(copiesInTemporaryFolder(file)).toEqual([]);
  });
});
