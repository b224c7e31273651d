import type { GraphQLClient } from 'graphql-request';

import { PackCode } from '../../src/packs/pack.catalog';
import { MedicamentsDocument, MedicamentsTotalDocument } from '../generated/operations';
import { tokenForPack } from '../support/factories';
import { expectGraphQLError } from '../support/graphql';
import { startServerWithRealWorkbook } from '../support/nomenclature';
import type { TestServer } from '../support/server';
import { plainWords } from '../support/text';

/** Returns the sort key of a brand: its words without accents or case, null for an empty cell. */
function brandKey(nomMarque: string | null | undefined): string | null {
  const words = plainWords(nomMarque);
  return words.length > 0 ? words.join(' ') : null;
}

/** Indexes where `keys` breaks the order; nulls must come last in both directions. */
function orderBreaks(keys: (string | null)[], order: 'ASC' | 'DESC'): number[] {
  const breaks: number[] = [];
  for (let index = 1; index < keys.length; index += 1) {
    const [previous, current] = [keys[index - 1], keys[index]];
    if (current === null) continue;
    const broken = previous === null || (order === 'ASC' ? previous > current : previous < current);
    if (broken) breaks.push(index);
  }
  return breaks;
}

describe('medicaments (sort and pagination)', () => {
  let server: TestServer;
  let pro: GraphQLClient;

  beforeAll(async () => {
    server = await startServerWithRealWorkbook();
    pro = server.client({ token: await tokenForPack(server, PackCode.PRO) });
  });

  afterAll(async () => {
    await server.close();
  });

  describe('sort', () => {
    it.each(['ASC', 'DESC'] as const)('orders brands %s across pages', async (order) => {
      const request = (page: number) =>
        pro.request(MedicamentsDocument, {
          filter: { q: 'amox' },
          sort: { by: 'NOM_MARQUE', order },
          page,
          pageSize: 30,
        });

      const first = await request(1);
      const second = await request(2);

      const keys = [...first.medicaments.items, ...second.medicaments.items].map((item) =>
        brandKey(item.nomMarque),
      );
      expect(new Set(keys).size).toBeGreaterThan(10);
      expect(orderBreaks(keys, order)).toEqual([]);
    });

    it('reverses the brand order with DESC', async () => {
      const ascending = await pro.request(MedicamentsDocument, {
        filter: { q: 'amox' },
        sort: { by: 'NOM_MARQUE', order: 'ASC' },
        pageSize: 1,
      });

      const descending = await pro.request(MedicamentsDocument, {
        filter: { q: 'amox' },
        sort: { by: 'NOM_MARQUE', order: 'DESC' },
        pageSize: 1,
      });

      const [lowest] = ascending.medicaments.items;
      const [highest] = descending.medicaments.items;
      expect(brandKey(lowest.nomMarque)! < brandKey(highest.nomMarque)!).toBe(true);
    });
  });

  describe('pagination', () => {
    it('continues page 1 on page 2', async () => {
      const whole = await pro.request(MedicamentsDocument, { filter: { q: 'amox' }, pageSize: 40 });

      const first = await pro.request(MedicamentsDocument, {
        filter: { q: 'amox' },
        page: 1,
        pageSize: 20,
      });
      const second = await pro.request(MedicamentsDocument, {
        filter: { q: 'amox' },
        page: 2,
        pageSize: 20,
      });

      const pagedIds = [...first.medicaments.items, ...second.medicaments.items].map(
        (item) => item.id,
      );
      expect(pagedIds).toHaveLength(40);
      expect(pagedIds).toEqual(whole.medicaments.items.map((item) => item.id));
      expect(second.medicaments.page).toBe(2);
    });

    it('counts pages and fills the last one with the rest', async () => {
      const pageSize = 7;
      const { total } = (await pro.request(MedicamentsTotalDocument, { filter: { q: 'amox' } }))
        .medicaments;
      const pageCount = Math.ceil(total / pageSize);

      const last = await pro.request(MedicamentsDocument, {
        filter: { q: 'amox' },
        page: pageCount,
        pageSize,
      });

      expect(total % pageSize).not.toBe(0);
      expect(last.medicaments.pageCount).toBe(pageCount);
      expect(last.medicaments.pageSize).toBe(pageSize);
      expect(last.medicaments.items).toHaveLength(total % pageSize);
    });

    it('returns no rows past the last page', async () => {
      const result = await pro.request(MedicamentsDocument, {
        filter: { q: 'amox' },
        page: 1000,
        pageSize: 50,
      });

      expect(result.medicaments.items).toEqual([]);
      expect(result.medicaments.total).toBeGreaterThan(0);
    });

    it('uses pages of 50 by default', async () => {
      const result = await pro.request(MedicamentsDocument, {});

      expect(result.medicaments.pageSize).toBe(50);
      expect(result.medicaments.page).toBe(1);
      expect(result.medicaments.items).toHaveLength(50);
    });

    it('accepts pages of 200 rows', async () => {
      const result = await pro.request(MedicamentsDocument, { pageSize: 200 });

      expect(result.medicaments.items).toHaveLength(200);
    });

    it.each([0, 201, -1])('rejects pageSize %i as BAD_USER_INPUT', async (pageSize) => {
      const error = await expectGraphQLError(
        pro.request(MedicamentsDocument, { pageSize }),
        'BAD_USER_INPUT',
      );

      expect(error.message).toContain('pageSize');
    });

    it('rejects page 0 as BAD_USER_INPUT', async () => {
      const error = await expectGraphQLError(
        pro.request(MedicamentsDocument, { page: 0 }),
        'BAD_USER_INPUT',
      );

      expect(error.message).toContain('page');
    });
  });
});
