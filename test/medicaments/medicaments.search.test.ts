import type { GraphQLClient } from 'graphql-request';

import { PackCode } from '../../src/packs/pack.catalog';
import {
  MedicamentsDocument,
  MedicamentsTotalDocument,
  type MedicamentFieldsFragment,
} from '../generated/operations';
import { tokenForPack } from '../support/factories';
import { expectGraphQLError } from '../support/graphql';
import { startServerWithRealWorkbook } from '../support/nomenclature';
import type { TestServer } from '../support/server';
import { matchesEveryWord } from '../support/text';

/** The columns that the free-text search reads. */
function searchedText(item: MedicamentFieldsFragment): (string | null | undefined)[] {
  return [item.dci, item.nomMarque, item.code, item.numEnregistrement, item.laboratoire];
}

describe('medicaments (free-text search)', () => {
  let server: TestServer;
  let pro: GraphQLClient;

  beforeAll(async () => {
    server = await startServerWithRealWorkbook();
    pro = server.client({ token: await tokenForPack(server, PackCode.PRO) });
  });

  afterAll(async () => {
    await server.close();
  });

  it('ignores accents and case', async () => {
    const spellings = ['paracétamol', 'PARACETAMOL', 'Paracetamol'];

    const totals: number[] = [];
    for (const q of spellings) {
      const result = await pro.request(MedicamentsTotalDocument, { filter: { q } });
      totals.push(result.medicaments.total);
    }

    expect(totals[0]).toBeGreaterThan(0);
    expect(totals[1]).toBe(totals[0]);
    expect(totals[2]).toBe(totals[0]);
  });

  it('returns only rows that contain the word', async () => {
    const result = await pro.request(MedicamentsDocument, {
      filter: { q: 'paracétamol' },
      pageSize: 200,
    });

    const misses = result.medicaments.items.filter(
      (item) => !matchesEveryWord('paracetamol', ...searchedText(item)),
    );
    expect(result.medicaments.items.length).toBeGreaterThan(0);
    expect(misses.map((item) => item.id)).toEqual([]);
  });

  it('requires every word', async () => {
    const oneWord = await pro.request(MedicamentsTotalDocument, { filter: { q: 'amox' } });

    const twoWords = await pro.request(MedicamentsDocument, {
      filter: { q: 'amox clav' },
      pageSize: 200,
    });

    expect(twoWords.medicaments.total).toBeGreaterThan(0);
    expect(twoWords.medicaments.total).toBeLessThan(oneWord.medicaments.total);
    const misses = twoWords.medicaments.items.filter(
      (item) => !matchesEveryWord('amox clav', ...searchedText(item)),
    );
    expect(misses.map((item) => item.id)).toEqual([]);
  });

  it('matches the start of words only', async () => {
    const result = await pro.request(MedicamentsTotalDocument, { filter: { q: 'moxicilline' } });

    expect(result.medicaments.total).toBe(0);
  });

  it('finds a registration number', async () => {
    const number = '411/05 S 261/25';

    const result = await pro.request(MedicamentsDocument, { filter: { q: number } });

    const found = result.medicaments.items.filter((item) => item.numEnregistrement === number);
    const misses = result.medicaments.items.filter(
      (item) => !matchesEveryWord(number, ...searchedText(item)),
    );
    expect(found.length).toBeGreaterThan(0);
    expect(misses.map((item) => item.id)).toEqual([]);
  });

  it('suggests close spellings when nothing matches', async () => {
    const result = await pro.request(MedicamentsDocument, { filter: { q: 'amoxiciline' } });

    expect(result.medicaments.total).toBe(0);
    expect(result.medicaments.items).toEqual([]);
    expect(result.medicaments.suggestions).toContain('amoxicilline');
  });

  it('suggests nothing when rows match', async () => {
    const result = await pro.request(MedicamentsDocument, { filter: { q: 'amoxicilline' } });

    expect(result.medicaments.total).toBeGreaterThan(0);
    expect(result.medicaments.suggestions).toEqual([]);
  });

  it('ranks the exact brand first', async () => {
    const brand = 'DESLOR';

    const result = await pro.request(MedicamentsDocument, { filter: { q: brand } });

    const [first, ...others] = result.medicaments.items;
    const earlierInSheet = others.filter(
      (item) => item.categorie === first.categorie && item.sheetRow < first.sheetRow,
    );
    expect(first.nomMarque).toBe(brand);
    expect(earlierInSheet.length).toBeGreaterThan(0);
  });

  it('puts exact brand matches first', async () => {
    const result = await pro.request(MedicamentsDocument, {
      filter: { q: 'aspegic' },
      pageSize: 200,
    });

    const exact = result.medicaments.items.map((item) => item.nomMarque === 'ASPEGIC');
    const firstOther = exact.indexOf(false);
    expect(exact[0]).toBe(true);
    expect(firstOther).toBeGreaterThan(0);
    expect(exact.slice(firstOther)).not.toContain(true);
  });

  it('counts withdrawn rows hidden without RETRAITS', async () => {
    const free = server.client({ token: await tokenForPack(server, PackCode.FREE) });

    const hidden = await free.request(MedicamentsDocument, {
      filter: { q: 'paracetamol' },
      pageSize: 200,
    });
    const shown = await pro.request(MedicamentsTotalDocument, { filter: { q: 'paracetamol' } });

    expect(hidden.medicaments.withdrawnHidden).toBeGreaterThan(0);
    expect(hidden.medicaments.total + hidden.medicaments.withdrawnHidden).toBe(
      shown.medicaments.total,
    );
    expect(shown.medicaments.withdrawnHidden).toBe(0);
    const categories = new Set(hidden.medicaments.items.map((item) => item.categorie));
    expect(categories.has('RETRAIT')).toBe(false);
  });

  it('rejects an unauthenticated caller', async () => {
    const anonymous = server.client();

    const error = await expectGraphQLError(
      anonymous.request(MedicamentsTotalDocument, { filter: { q: 'paracetamol' } }),
      'UNAUTHENTICATED',
    );

    expect(error.message).not.toBe('');
  });
});
