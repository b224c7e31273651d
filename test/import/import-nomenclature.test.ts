import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  ImportNomenclatureDocument,
  MedicamentsTotalDocument,
  VersionsDocument,
} from '../generated/operations';
import { multipartRequest } from '../support/graphql';
import {
  countsByCategory,
  REAL_COUNTS,
  REAL_TOTAL,
  REAL_VERSION,
  startServerWithRealWorkbook,
} from '../support/nomenclature';
import { REAL_WORKBOOK, TestServer } from '../support/server';
import { writeSmallWorkbook } from '../support/test-workbooks';
import { uploadWorkbook } from '../support/upload';

const SMALL_COUNTS = { NOMENCLATURE: 2, NON_RENOUVELE: 2, RETRAIT: 3 };

describe('POST /import/nomenclature', () => {
  let server: TestServer;
  let token: string;
  let folder: string;

  beforeAll(async () => {
    server = await startServerWithRealWorkbook();
    token = await server.adminToken();
    folder = mkdtempSync(path.join(os.tmpdir(), 'npp-import-test-'));
  });

  afterAll(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('returns the import log of the published version', async () => {
    const upload = await uploadWorkbook(server, REAL_WORKBOOK, { token });

    expect(upload.status).toBe(201);
    expect(upload.body.status).toBe('SUCCEEDED');
    expect(upload.body.version).toBe(REAL_VERSION);
    expect(upload.body.sourceFile).toBe('nomenclature-2025-07.xlsx');
    expect(upload.body.rowCount).toBe(REAL_TOTAL);
    expect(upload.body.sheets.map((sheet: { categorie: string }) => sheet.categorie)).toEqual([
      'NOMENCLATURE',
      'NON_RENOUVELE',
      'RETRAIT',
    ]);
  });

  it('leaves one version on a reimport', async () => {
    const upload = await uploadWorkbook(server, REAL_WORKBOOK, { token });

    const client = server.client({ token });
    const { versions } = await client.request(VersionsDocument);
    const { medicaments } = await client.request(MedicamentsTotalDocument, {});
    expect(upload.status).toBe(201);
    expect(versions.map((version) => version.version)).toEqual([REAL_VERSION]);
    expect(medicaments.total).toBe(REAL_TOTAL);
  });

  it('publishes a second version by label', async () => {
    const small = path.join(folder, 'juin.xlsx');
    await writeSmallWorkbook(small, SMALL_COUNTS);

    const upload = await uploadWorkbook(server, small, { token, version: '2025-06-30' });

    const client = server.client({ token });
    const { versions } = await client.request(VersionsDocument);
    expect(upload.status).toBe(201);
    expect(upload.body.version).toBe('2025-06-30');
    expect(versions.map((version) => [version.version, version.latest])).toEqual([
      [REAL_VERSION, true],
      ['2025-06-30', false],
    ]);
    expect(await countsByCategory(server, { version: '2025-06-30' })).toEqual({
      nomenclature: 2,
      nonRenouvele: 2,
      retrait: 3,
    });
    expect(await countsByCategory(server)).toEqual(REAL_COUNTS);
  });

  it('replaces only the sheet named in sheet_names', async () => {
    const small = path.join(folder, 'petit.xlsx');
    await writeSmallWorkbook(small, SMALL_COUNTS);

    const upload = await uploadWorkbook(server, small, { token, sheetNames: ['Retraits'] });

    expect(upload.status).toBe(201);
    expect(upload.body.sheets.map((sheet: { name: string }) => sheet.name)).toEqual(['Retraits']);
    expect(await countsByCategory(server)).toEqual({ ...REAL_COUNTS, retrait: 3 });
  });

  it('rejects a request without a file as BAD_USER_INPUT', async () => {
    const form = new FormData();
    form.append('version', REAL_VERSION);

    const response = await fetch(`${server.url}/import/nomenclature`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });

    const body = await response.json();
    expect(response.status).toBe(400);
    expect(body.code).toBe('BAD_USER_INPUT');
    expect(body.message).toContain('file');
  });
});

describe('importNomenclature', () => {
  let server: TestServer;
  let token: string;
  let folder: string;

  beforeAll(async () => {
    server = await startServerWithRealWorkbook();
    token = await server.adminToken();
    folder = mkdtempSync(path.join(os.tmpdir(), 'npp-import-test-'));
  });

  afterAll(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('replaces the version on a reimport', async () => {
    const response = await multipartRequest(server, ImportNomenclatureDocument, {
      variables: {},
      file: { filePath: REAL_WORKBOOK },
      token,
    });

    const client = server.client({ token });
    const { versions } = await client.request(VersionsDocument);
    expect(response.errors).toBeUndefined();
    expect(response.data?.importNomenclature.status).toBe('SUCCEEDED');
    expect(response.data?.importNomenclature.sourceFile).toBe('nomenclature-2025-07.xlsx');
    expect(response.data?.importNomenclature.rowCount).toBe(REAL_TOTAL);
    expect(versions).toHaveLength(1);
    expect(await countsByCategory(server)).toEqual(REAL_COUNTS);
  });

  it('replaces only the sheets named in sheetNames', async () => {
    const small = path.join(folder, 'petit.xlsx');
    await writeSmallWorkbook(small, SMALL_COUNTS);

    const response = await multipartRequest(server, ImportNomenclatureDocument, {
      variables: { sheetNames: ['Non Renouvelés ', 'Retraits'] },
      file: { filePath: small },
      token,
    });

    const sheets = response.data?.importNomenclature.sheets ?? [];
    expect(response.errors).toBeUndefined();
    expect(sheets.map((sheet) => [sheet.name, sheet.rowCount])).toEqual([
      ['Non Renouvelés ', 2],
      ['Retraits', 3],
    ]);
    expect(await countsByCategory(server)).toEqual({
      nomenclature: REAL_COUNTS.nomenclature,
      nonRenouvele: 2,
      retrait: 3,
    });
  });

  it('rejects a sheet name the workbook lacks', async () => {
    const response = await multipartRequest(server, ImportNomenclatureDocument, {
      variables: { sheetNames: ['Retraits 2024'] },
      file: { filePath: REAL_WORKBOOK },
      token,
    });

    const [error] = response.errors ?? [];
    expect(error?.extensions.code).toBe('IMPORT_REJECTED');
    expect(error?.message).toContain('Retraits 2024');
  });
});
