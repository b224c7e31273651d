import { HealthDocument } from '../generated/operations';
import { startTestServer, TestServer } from '../support/server';

/** With ROOT_PATH=/api/v1, every route moves under /api/v1 and nothing stays at the root. */
describe('ROOT_PATH', () => {
  let server: TestServer;
  let origin: string;

  beforeAll(async () => {
    server = await startTestServer({ ROOT_PATH: '/api/v1' });
    origin = new URL(server.url).origin;
  });

  afterAll(async () => {
    await server.close();
  });

  it('prefixes the base URL', () => {
    expect(server.url).toBe(`${origin}/api/v1`);
  });

  it('serves GraphQL at /api/v1/graphql', async () => {
    const { health } = await server.client().request(HealthDocument);

    expect(server.graphqlUrl).toBe(`${origin}/api/v1/graphql`);
    expect(health.status).toBe('ok');
  });

  it('serves GET /api/v1/health', async () => {
    const response = await fetch(`${origin}/api/v1/health`);

    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body.status).toBe('ok');
  });

  it('serves the playground at /api/v1/playground', async () => {
    const response = await fetch(`${origin}/api/v1/playground`);

    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain("url: '/api/v1/graphql'");
  });

  it.each([
    ['POST', '/graphql'],
    ['GET', '/health'],
    ['GET', '/playground'],
    ['POST', '/import/nomenclature'],
  ])('answers %s %s at the root with 404', async (method, route) => {
    const response = await fetch(`${origin}${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'POST' ? JSON.stringify({ query: '{ health { status } }' }) : undefined,
    });

    expect(response.status).toBe(404);
  });
});
