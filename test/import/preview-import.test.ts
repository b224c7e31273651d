import {
  ImportLogsDocument,
  MedicamentsTotalDocument,
  PreviewImportDocument,
  VersionsDocument,
} from '../generated/operations';
import { multipartRequest } from '../support/graphql';
import { REAL_COUNTS, REAL_VERSION } from '../support/nomenclature';
import { REAL_WORKBOOK, startTestServer, TestServer } from '../support/server';
import { uploadWorkbook } from '../support/upload';

const REAL_SHEETS = [
  ['Nomenclature JUIN 2025', 'NOMENCLATURE', REAL_COUNTS.nomenclature],
  ['Non Renouvelés ', 'NON_RENOUVELE', REAL_COUNTS.nonRenouvele],
  ['Retraits', 'RETRAIT', REAL_COUNTS.retrait],
];

describe('previewImport', () => {
  let server: TestServer;
  let token: string;

  /** What a preview must not change: versions, rows and import logs. */
  const publishedState = async () => {
    const client = server.client({ token });
    return {
      versions: (await client.request(VersionsDocument)).versions,
      total: (await client.request(MedicamentsTotalDocument, {})).medicaments.total,
      logs: (await client.request(ImportLogsDocument, {})).importLogs,
    };
  };

  beforeAll(async () => {
    server = await startTestServer();
    token = await server.adminToken();
  });

  afterAll(async () => {
    await server.close();
  });

  it('reports the version and sheets of the workbook', async () => {
    const response = await multipartRequest(server, PreviewImportDocument, {
      variables: {},
      file: { filePath: REAL_WORKBOOK },
      token,
    });

    const preview = response.data?.previewImport;
    expect(response.errors).toBeUndefined();
    expect(preview?.version).toBe(REAL_VERSION);
    expect(preview?.sheets.map((sheet) => [sheet.name, sheet.categorie, sheet.rowCount])).toEqual(
      REAL_SHEETS,
    );
    expect(preview?.unrecognised).toEqual([]);
  });

  it('writes nothing', async () => {
    const before = await publishedState();

    await multipartRequest(server, PreviewImportDocument, {
      variables: {},
      file: { filePath: REAL_WORKBOOK },
      token,
    });

    expect(await publishedState()).toEqual(before);
    expect(before.versions).toEqual([]);
    expect(before.total).toBe(0);
    expect(before.logs).toEqual([]);
  });

  it('previews only the sheets named in sheetNames', async () => {
    const response = await multipartRequest(server, PreviewImportDocument, {
      variables: { sheetNames: ['Retraits'] },
      file: { filePath: REAL_WORKBOOK },
      token,
    });

    const sheets = response.data?.previewImport.sheets ?? [];
    expect(sheets.map((sheet) => sheet.name)).toEqual(['Retraits']);
  });
});

describe('POST /import/sheets/preview', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer();
    token = await server.adminToken();
  });

  afterAll(async () => {
    await server.close();
  });

  it('reports the version and sheets without importing them', async () => {
    const upload = await uploadWorkbook(server, REAL_WORKBOOK, {
      token,
      route: '/import/sheets/preview',
    });

    const client = server.client({ token });
    const { versions } = await client.request(VersionsDocument);
    const { importLogs } = await client.request(ImportLogsDocument, {});
    const sheets = upload.body.sheets.map(
      (sheet: { name: string; categorie: string; rowCount: number }) => [
        sheet.name,
        sheet.categorie,
        sheet.rowCount,
      ],
    );
    expect(upload.status).toBe(200);
    expect(upload.body.version).toBe(REAL_VERSION);
    expect(sheets).toEqual(REAL_SHEETS);
    expect(versions).toEqual([]);
    expect(importLogs).toEqual([]);
  });

  it('uses the version label it is given', async () => {
    const upload = await uploadWorkbook(server, REAL_WORKBOOK, {
      token,
      route: '/import/sheets/preview',
      version: '2025-08-31',
    });

    expect(upload.status).toBe(200);
    expect(upload.body.version).toBe('2025-08-31');
  });

  it('rejects a version label that is not a date', async () => {
    const upload = await uploadWorkbook(server, REAL_WORKBOOK, {
      token,
      route: '/import/sheets/preview',
      version: '2025-02-30',
    });

    expect(upload.status).toBe(400);
    expect(upload.body.code).toBe('BAD_USER_INPUT');
    expect(upload.body.message).toContain('2025-02-30');
  });
});
