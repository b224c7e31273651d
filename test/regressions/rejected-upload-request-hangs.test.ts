import { PackCode } from '../../src/packs/pack.catalog';
import { ImportNomenclatureDocument } from '../generated/operations';
import { tokenForPack } from '../support/factories';
import { multipartRequest } from '../support/graphql';
import { REAL_WORKBOOK, startTestServer, TestServer } from '../support/server';

/**
 * A GraphQL multipart request whose file no resolver read used to get no response at all.
 * graphqlUploadKoa waits for the end of the request body before it responds. That body stays
 * unread once the file is larger than the stream buffers, and the real workbook is 1.4 MB.
 */
describe('rejected upload request hangs', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('answers an unauthenticated importNomenclature', async () => {
    const response = await multipartRequest(server, ImportNomenclatureDocument, {
      variables: {},
      file: { filePath: REAL_WORKBOOK },
    });

    expect(response.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers a reader calling importNomenclature', async () => {
    const token = await tokenForPack(server, PackCode.PRO);

    const response = await multipartRequest(server, ImportNomenclatureDocument, {
      variables: {},
      file: { filePath: REAL_WORKBOOK },
      token,
    });

    expect(response.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('answers an importNomenclature whose variables are invalid', async () => {
    const token = await server.adminToken();

    const response = await multipartRequest(server, ImportNomenclatureDocument, {
      variables: { sheetNames: { name: 'Retraits' } as unknown as string[] },
      file: { filePath: REAL_WORKBOOK },
      token,
    });

    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
});
