import { PackCode } from '../../src/packs/pack.catalog';
import {
  ImportLogsDocument,
  ImportNomenclatureDocument,
  PreviewImportDocument,
} from '../generated/operations';
import { tokenForPack } from '../support/factories';
import { expectGraphQLError, MultipartOptions, multipartRequest } from '../support/graphql';
import { REAL_WORKBOOK, startTestServer, TestServer } from '../support/server';

const REST_ROUTES = ['/import/nomenclature', '/import/sheets/preview'];
type UploadOptions = MultipartOptions<{ file: unknown }>;

const UPLOAD_MUTATIONS = [
  [
    'importNomenclature',
    (server: TestServer, options: UploadOptions) =>
      multipartRequest(server, ImportNomenclatureDocument, options),
  ],
  [
    'previewImport',
    (server: TestServer, options: UploadOptions) =>
      multipartRequest(server, PreviewImportDocument, options),
  ],
] as const;

/** Posts the real workbook to a REST import route with optional headers. */
async function postWorkbook(server: TestServer, route: string, headers: Record<string, string>) {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from('not read: the caller is rejected first')]), 'x.xlsx');
  const response = await fetch(`${server.url}${route}`, { method: 'POST', headers, body: form });
  return { status: response.status, body: await response.json() };
}

/** Import is for admins only, over REST and GraphQL alike; nothing is imported otherwise. */
describe('import access', () => {
  let server: TestServer;
  let readerToken: string;

  beforeAll(async () => {
    server = await startTestServer();
    // The richest pack still lacks the admin role.
    readerToken = await tokenForPack(server, PackCode.DEVELOPPEUR);
  });

  afterAll(async () => {
    await server.close();
  });

  describe.each(REST_ROUTES)('POST %s', (route) => {
    it('rejects an unauthenticated caller', async () => {
      const response = await postWorkbook(server, route, {});

      expect(response.status).toBe(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
      expect(typeof response.body.message).toBe('string');
    });

    it('rejects an invalid token', async () => {
      const response = await postWorkbook(server, route, { authorization: 'Bearer abc.def.ghi' });

      expect(response.status).toBe(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    });

    it('rejects a reader with FORBIDDEN (ROLE)', async () => {
      const response = await postWorkbook(server, route, {
        authorization: `Bearer ${readerToken}`,
      });

      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN');
      expect(response.body.reason).toBe('ROLE');
    });
  });

  describe.each(UPLOAD_MUTATIONS)('%s', (_name, send) => {
    it('rejects an unauthenticated caller', async () => {
      const response = await send(server, {
        variables: {},
        file: { filePath: REAL_WORKBOOK },
      });

      const [error] = response.errors ?? [];
      expect(error?.extensions.code).toBe('UNAUTHENTICATED');
    });

    it('rejects a reader with FORBIDDEN (ROLE)', async () => {
      const response = await send(server, {
        variables: {},
        file: { filePath: REAL_WORKBOOK },
        token: readerToken,
      });

      const [error] = response.errors ?? [];
      expect(error?.extensions.code).toBe('FORBIDDEN');
      expect(error?.extensions.reason).toBe('ROLE');
    });
  });

  describe('importLogs', () => {
    it('rejects an unauthenticated caller', async () => {
      await expectGraphQLError(server.client().request(ImportLogsDocument, {}), 'UNAUTHENTICATED');
    });

    it('rejects a reader with FORBIDDEN (ROLE)', async () => {
      const reader = server.client({ token: readerToken });

      const error = await expectGraphQLError(reader.request(ImportLogsDocument, {}), 'FORBIDDEN');

      expect(error.extensions.reason).toBe('ROLE');
    });

    it('imports nothing for rejected calls', async () => {
      const admin = server.client({ token: await server.adminToken() });

      const { importLogs } = await admin.request(ImportLogsDocument, {});

      expect(importLogs).toEqual([]);
    });
  });
});
