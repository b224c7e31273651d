import { startTestServer, TestServer } from '../support/server';

/**
 * An unknown REST route used to get the plain-text body "Not Found", and a wrong method
 * "Method Not Allowed", where every other REST error is JSON `{ code, message }`.
 */
describe('REST not found is plain text', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('answers an unknown route with JSON', async () => {
    const response = await fetch(`${server.url}/exports/medicaments.csv`);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({
      code: 'NOT_FOUND',
      message: 'Route introuvable : GET /exports/medicaments.csv.',
    });
  });

  it('answers an unknown playground asset with JSON', async () => {
    const response = await fetch(`${server.url}/playground/assets/inconnu.js`);

    expect(response.status).toBe(404);
    expect((await response.json()).code).toBe('NOT_FOUND');
  });

  it('answers a wrong method with JSON', async () => {
    const response = await fetch(`${server.url}/import/sheets/preview`, { method: 'DELETE' });

    expect(response.status).toBe(405);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect((await response.json()).code).toBe('BAD_USER_INPUT');
  });
});
