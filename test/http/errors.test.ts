import { ClientError, gql } from 'graphql-request';

import { HealthDocument, LoginDocument, MedicamentsDocument } from '../generated/operations';
import { MAX_QUERY_DEPTH, MAX_QUERY_FIELDS } from '../../src/http/query-limits';
import { expectGraphQLError } from '../support/graphql';
import { startTestServer, TestServer } from '../support/server';

/** Sends a raw GraphQL POST and returns the status and parsed body. */
async function postGraphQL(server: TestServer, body: string) {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
  });
  return { status: response.status, body: await response.json() };
}

describe('errors', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  describe('GraphQL request errors', () => {
    it('reports an unknown field as BAD_USER_INPUT', async () => {
      const error = await expectGraphQLError(
        server.client().request(gql`
          {
            health {
              colour
            }
          }
        `),
        'BAD_USER_INPUT',
      );

      expect(error.extensions.reason).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(error.message).toContain('colour');
    });

    it('rejects too many aliases', async () => {
      const aliases = Array.from(
        { length: MAX_QUERY_FIELDS },
        (_, index) => `a${index}: health { status }`,
      );
      const response = await postGraphQL(
        server,
        JSON.stringify({ query: `{ ${aliases.join(' ')} }` }),
      );

      const [error] = response.body.errors;
      expect(response.status).toBe(400);
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.reason).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(error.message).toContain(`${MAX_QUERY_FIELDS} champs`);
    });

    it('rejects a selection nested too deep', async () => {
      const fragments = Array.from(
        { length: MAX_QUERY_DEPTH },
        (_, index) => `fragment F${index} on __Type { ofType { ...F${index + 1} } }`,
      );
      const query = `{ __type(name: "Health") { ...F0 } } ${fragments.join(' ')} fragment F${MAX_QUERY_DEPTH} on __Type { name }`;
      const response = await postGraphQL(server, JSON.stringify({ query }));

      const [error] = response.body.errors;
      expect(response.status).toBe(400);
      expect(error.extensions.reason).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(error.message).toContain(`${MAX_QUERY_DEPTH} niveaux`);
    });

    it.each([
      ['an unknown fragment', '...Missing'],
      ['a cycle', '...F0'],
    ])('stops a doubling fragment tree ending in %s', async (_case, leaf) => {
      const levels = 40;
      const fragments = Array.from(
        { length: levels },
        (_, index) => `fragment F${index} on Query { ...F${index + 1} ...F${index + 1} }`,
      );
      const query = `{ ...F0 } ${fragments.join(' ')} fragment F${levels} on Query { ${leaf} }`;

      const response = await postGraphQL(server, JSON.stringify({ query }));

      expect(response.status).toBe(400);
      expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('accepts a selection at the limits', async () => {
      const aliases = Array.from(
        { length: MAX_QUERY_FIELDS / 2 },
        (_, index) => `a${index}: health { status }`,
      );
      const response = await postGraphQL(
        server,
        JSON.stringify({ query: `{ ${aliases.join(' ')} }` }),
      );

      expect(response.status).toBe(200);
      expect(response.body.data.a0.status).toBe('ok');
    });

    it('reports a syntax error as BAD_USER_INPUT', async () => {
      const response = await postGraphQL(server, JSON.stringify({ query: '{ health {' }));

      const [error] = response.body.errors;
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.reason).toBe('GRAPHQL_PARSE_FAILED');
    });

    it('reports a variable of the wrong type as BAD_USER_INPUT', async () => {
      const token = await server.adminToken();

      const error = await expectGraphQLError(
        server
          .client({ token })
          .request(MedicamentsDocument, { pageSize: 'fifty' as unknown as number }),
        'BAD_USER_INPUT',
      );

      expect(error.message).toContain('pageSize');
    });

    it('reports an unknown enum value as BAD_USER_INPUT', async () => {
      const token = await server.adminToken();

      await expectGraphQLError(
        server.client({ token }).request(MedicamentsDocument, {
          filter: { categorie: 'ARCHIVE' as 'RETRAIT' },
        }),
        'BAD_USER_INPUT',
      );
    });

    it('sends no stack trace with an error', async () => {
      const caught = await server
        .client()
        .request(LoginDocument, { email: 'personne@npp.test', password: 'mauvais-mot-de-passe' })
        .catch((error: unknown) => error);

      expect(caught).toBeInstanceOf(ClientError);
      const [error] = (caught as ClientError).response.errors ?? [];
      expect(error.extensions.code).toBe('UNAUTHENTICATED');
      expect(error.message).not.toMatch(/stack|Error:/);
      expect(error.extensions).not.toHaveProperty('stacktrace');
    });
  });

  describe('REST errors', () => {
    it('answers an unknown route with a JSON NOT_FOUND', async () => {
      const response = await fetch(`${server.url}/medicaments/nulle-part`);

      const body = await response.json();
      expect(response.status).toBe(404);
      expect(body.code).toBe('NOT_FOUND');
      expect(body.message).toContain('/medicaments/nulle-part');
    });

    it('answers a wrong method with a JSON error and the allowed methods', async () => {
      const response = await fetch(`${server.url}/import/nomenclature`);

      const body = await response.json();
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect(body.code).toBe('BAD_USER_INPUT');
      expect(body.message).toContain('POST');
    });

    it('answers malformed JSON on /graphql with a JSON BAD_USER_INPUT', async () => {
      const response = await postGraphQL(server, '{ "query": ');

      expect(response.status).toBe(400);
      expect(response.body.code).toBe('BAD_USER_INPUT');
      expect(typeof response.body.message).toBe('string');
    });

    it('answers an unauthenticated import with a JSON UNAUTHENTICATED', async () => {
      const response = await fetch(`${server.url}/import/nomenclature`, { method: 'POST' });

      const body = await response.json();
      expect(response.status).toBe(401);
      expect(Object.keys(body).sort()).toEqual(['code', 'message']);
      expect(body.code).toBe('UNAUTHENTICATED');
    });
  });
});

/**
 * Unknown errors reach clients only as INTERNAL_SERVER_ERROR. A closed database connection
 * pool is a real unexpected failure: the driver error must not leak.
 */
describe('unexpected errors', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer();
    token = await server.adminToken();
    await server.services.orm.close(true);
  });

  afterAll(async () => {
    await server.close();
  });

  it('reach GraphQL clients as INTERNAL_SERVER_ERROR', async () => {
    const error = await expectGraphQLError(
      server.client().request(LoginDocument, { email: 'admin@npp.test', password: 'x'.repeat(12) }),
      'INTERNAL_SERVER_ERROR',
    );

    expect(error.message).toBe('Erreur interne du serveur.');
    expect(Object.keys(error.extensions)).toEqual(['code']);
  });

  it('reach REST clients as a JSON INTERNAL_SERVER_ERROR', async () => {
    const response = await fetch(`${server.url}/import/nomenclature`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });

    const body = await response.json();
    expect(response.status).toBe(500);
    expect(body).toEqual({ code: 'INTERNAL_SERVER_ERROR', message: 'Erreur interne du serveur.' });
  });

  it('turn the health report to degraded', async () => {
    const { health } = await server.client().request(HealthDocument);

    expect(health.status).toBe('degraded');
    expect(health.database).toBe('unreachable');
  });
});
