import { loadConfig } from '../../src/core/config';
import { importRealWorkbook } from '../support/nomenclature';
import { startTestServer, TestServer } from '../support/server';

/**
 * Requests that used to end in INTERNAL_SERVER_ERROR (HTTP 500): an operationName matching no
 * operation, search text long enough to overflow SQLite's expression depth, a NUL character
 * in a variable, and a body announced as gzip that is not.
 */
describe('hostile requests internal error', () => {
  let server: TestServer;
  let token: string;

  async function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  beforeAll(async () => {
    server = await startTestServer();
    await importRealWorkbook(server);
    token = await server.adminToken();
  });

  afterAll(async () => {
    await server.close();
  });

  it('rejects an unknown operationName', async () => {
    const response = await post({
      query: 'query A { health { status } } query B { health { status } }',
      operationName: 'C',
    });
    const body = await response.json();

    expect(response.status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('rejects search text with too many words', async () => {
    const query = 'query($q: String) { medicaments(filter: { q: $q }) { total } }';

    const response = await post({ query, variables: { q: 'a '.repeat(1001) } });
    const body = await response.json();

    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].extensions.field).toBe('q');
  });

  it('rejects an export with too long a search', async () => {
    const response = await fetch(`${server.url}/medicaments/export?q=${'a+'.repeat(1500)}`, {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe('BAD_USER_INPUT');
  });

  it('finds nothing for text without letters', async () => {
    const query = 'query($q: String) { medicaments(filter: { q: $q }) { total } }';

    for (const q of ['%', '_', 'العربية']) {
      const response = await post({ query, variables: { q } });
      const body = await response.json();

      expect(body.data.medicaments.total).toBe(0);
    }
  });

  it('rejects a NUL character in a variable', async () => {
    const query = 'query($q: String) { medicaments(filter: { q: $q }) { total } }';

    const response = await post({ query, variables: { q: 'a\u0000b' } });
    const body = await response.json();

    expect(response.status).toBe(400);
    expect(body.code).toBe('BAD_USER_INPUT');
  });

  it('rejects a body announced as gzip that is not', async () => {
    const response = await post('{"query":"{ health { status } }"}', {
      'content-encoding': 'gzip',
    });

    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe('BAD_USER_INPUT');
  });

  it('refuses the example secrets in production', () => {
    const start = () =>
      loadConfig({
        NODE_ENV: 'production',
        SECRET_KEY: 'change-me-to-a-long-random-secret-of-32-chars-or-more',
        ADMIN_EMAIL: 'admin@example.dz',
        ADMIN_PASSWORD: 'change-me-admin-password',
      });

    expect(start).toThrow(/SECRET_KEY still holds/);
    expect(start).toThrow(/ADMIN_PASSWORD still holds/);
  });
});
