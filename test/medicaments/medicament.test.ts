import type { GraphQLClient } from 'graphql-request';

import { PackCode } from '../../src/packs/pack.catalog';
import { MedicamentDocument, MedicamentsDocument } from '../generated/operations';
import { tokenForPack } from '../support/factories';
import { expectGraphQLError } from '../support/graphql';
import { startServerWithRealWorkbook } from '../support/nomenclature';
import type { TestServer } from '../support/server';

describe('medicament', () => {
  let server: TestServer;
  let pro: GraphQLClient;

  /** The first row of a category, as a search returns it. */
  const firstOf = async (categorie: 'NOMENCLATURE' | 'RETRAIT') =>
    (await pro.request(MedicamentsDocument, { filter: { categorie }, pageSize: 1 })).medicaments
      .items[0];

  beforeAll(async () => {
    server = await startServerWithRealWorkbook();
    pro = server.client({ token: await tokenForPack(server, PackCode.PRO) });
  });

  afterAll(async () => {
    await server.close();
  });

  it('returns the row a search found', async () => {
    const found = await firstOf('NOMENCLATURE');

    const result = await pro.request(MedicamentDocument, { id: found.id });

    expect(result.medicament).toEqual(found);
  });

  it('reports an unknown id as NOT_FOUND', async () => {
    const error = await expectGraphQLError(
      pro.request(MedicamentDocument, { id: '999999999' }),
      'NOT_FOUND',
    );

    expect(error.message).toContain('999999999');
  });

  it('rejects an id that is not a positive integer', async () => {
    await expectGraphQLError(pro.request(MedicamentDocument, { id: 'abc' }), 'BAD_USER_INPUT');
  });

  it('hides a withdrawn row from packs without RETRAITS', async () => {
    const withdrawn = await firstOf('RETRAIT');
    const free = server.client({ token: await tokenForPack(server, PackCode.FREE) });

    await expectGraphQLError(free.request(MedicamentDocument, { id: withdrawn.id }), 'NOT_FOUND');
  });

  it('rejects an unauthenticated caller', async () => {
    const found = await firstOf('NOMENCLATURE');

    await expectGraphQLError(
      server.client().request(MedicamentDocument, { id: found.id }),
      'UNAUTHENTICATED',
    );
  });
});
