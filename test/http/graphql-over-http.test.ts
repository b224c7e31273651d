import { auditServer } from 'graphql-http';

import { startTestServer, TestServer } from '../support/server';

/**
 * Runs the GraphQL-over-HTTP audit of graphql-http against the real /graphql mount. Every
 * MUST item has to pass; SHOULD and MAY items are reported by the library but not required.
 */
describe('GraphQL over HTTP', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('passes every MUST item of the audit', async () => {
    const results = await auditServer({ url: server.graphqlUrl, fetchFn: fetch });

    const mustItems = results.filter((result) => result.name.startsWith('MUST'));
    const failed = mustItems
      .filter((result) => result.status !== 'ok')
      .map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`);
    expect(mustItems.length).toBeGreaterThan(0);
    expect(failed).toEqual([]);
  });
});
