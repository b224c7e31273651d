import { HealthDocument } from '../generated/operations';
import { importRealWorkbook, REAL_COUNTS, REAL_VERSION } from '../support/nomenclature';
import { startTestServer, TestServer } from '../support/server';

describe('health', () => {
  let server: TestServer;

  const getHealth = async () => {
    const response = await fetch(`${server.url}/health`);
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  describe('before the first import', () => {
    it('reports no nomenclature over GraphQL', async () => {
      const { health } = await server.client().request(HealthDocument);

      expect(health.status).toBe('ok');
      expect(health.database).toBe('ok');
      expect(health.nomenclature).toBeNull();
    });

    it('reports no nomenclature on GET /health', async () => {
      const response = await getHealth();

      expect(response.status).toBe(200);
      expect(response.body.nomenclature).toBeNull();
    });
  });

  describe('after an import', () => {
    beforeAll(async () => {
      await importRealWorkbook(server);
    });

    it('reports the version and its counts over GraphQL, without credentials', async () => {
      const { health } = await server.client().request(HealthDocument);

      expect(health.status).toBe('ok');
      expect(health.appVersion).toMatch(/^\d+\.\d+\.\d+/);
      expect(health.nomenclature?.version).toBe(REAL_VERSION);
      expect(health.nomenclature?.sourceFile).toBe('nomenclature-2025-07.xlsx');
      expect(health.nomenclature?.counts).toEqual(REAL_COUNTS);
    });

    it('returns the same report on GET /health', async () => {
      const { health } = await server.client().request(HealthDocument);

      const response = await getHealth();

      expect(response.status).toBe(200);
      expect(response.body).toEqual(health);
    });
  });
});
