import { gql } from 'graphql-request';

import { REAL_WORKBOOK, startTestServer, TestServer } from '../support/server';
import { uploadWorkbook } from '../support/upload';

describe('smoke', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('imports the real workbook and counts rows', async () => {
    const token = await server.adminToken();

    const upload = await uploadWorkbook(server, REAL_WORKBOOK, { token });
    const result = await server.client({ token }).request<any>(gql`
      {
        medicaments(filter: { categorie: RETRAIT }, pageSize: 1) {
          total
        }
      }
    `);

    expect(upload.status).toBe(201);
    expect(result.medicaments.total).toBe(2681);
  });
});
