import { VersionsDocument } from '../generated/operations';
import { expectGraphQLError } from '../support/graphql';
import { importRealWorkbook, REAL_COUNTS, REAL_VERSION } from '../support/nomenclature';
import { startTestServer, TestServer } from '../support/server';

describe('versions', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('lists nothing before the first import', async () => {
    const client = server.client({ token: await server.adminToken() });

    const result = await client.request(VersionsDocument);

    expect(result.versions).toEqual([]);
  });

  it('lists the imported version with its counts', async () => {
    const client = server.client({ token: await server.adminToken() });
    await importRealWorkbook(server);

    const result = await client.request(VersionsDocument);

    expect(result.versions).toHaveLength(1);
    const [version] = result.versions;
    expect(version.version).toBe(REAL_VERSION);
    expect(version.latest).toBe(true);
    expect(version.counts).toEqual(REAL_COUNTS);
    expect(version.sourceFile).toBe('nomenclature-2025-07.xlsx');
    expect(Number.isNaN(Date.parse(version.importedAt))).toBe(false);
  });

  it('rejects an unauthenticated caller', async () => {
    await expectGraphQLError(server.client().request(VersionsDocument), 'UNAUTHENTICATED');
  });
});
