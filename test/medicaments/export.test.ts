import type { GraphQLClient } from 'graphql-request';

import { PackCode } from '../../src/packs/pack.catalog';
import {
  CreateMedicamentDocument,
  MedicamentsDocument,
  type MedicamentFieldsFragment,
  type MedicamentFilter,
  type MedicamentSort,
} from '../generated/operations';
import { parseCsv } from '../support/csv';
import { tokenForPack } from '../support/factories';
import { REAL_TOTAL, REAL_VERSION, startServerWithRealWorkbook } from '../support/nomenclature';
import type { TestServer } from '../support/server';

/** Columns of the export, in order, as the documentation of the route lists them. */
const COLUMNS = [
  'id',
  'version',
  'categorie',
  'n',
  'numEnregistrement',
  'code',
  'dci',
  'nomMarque',
  'forme',
  'dosage',
  'conditionnement',
  'liste',
  'listeRaw',
  'p1',
  'p2',
  'obs',
  'laboratoire',
  'paysLaboratoire',
  'dateEnregistrementInitial',
  'dateEnregistrementInitialRaw',
  'dateEnregistrementFinal',
  'dateEnregistrementFinalRaw',
  'typeMedicament',
  'typeMedicamentRaw',
  'statut',
  'statutRaw',
  'dureeStabilite',
  'dateRetrait',
  'dateRetraitRaw',
  'motifRetrait',
] as const;

/** Applies the documented neutralisation: a quote before text a spreadsheet would run as a formula. */
function expectedCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

interface Download {
  status: number;
  headers: Headers;
  text: string;
}

describe('GET /medicaments/export', () => {
  let server: TestServer;
  let adminToken: string;
  let admin: GraphQLClient;

  async function download(query: string, headers: Record<string, string>): Promise<Download> {
    const response = await fetch(`${server.url}/medicaments/export${query}`, { headers });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, text: bytes.toString('utf8') };
  }

  const asAdmin = (query = '') => download(query, { authorization: `Bearer ${adminToken}` });

  /** Reads every row of a search through GraphQL, page after page, in the API's order. */
  async function searchAll(
    filter: MedicamentFilter = {},
    sort?: MedicamentSort,
  ): Promise<MedicamentFieldsFragment[]> {
    const rows: MedicamentFieldsFragment[] = [];
    for (let page = 1; ; page += 1) {
      const result = await admin.request(MedicamentsDocument, {
        filter,
        sort,
        page,
        pageSize: 200,
      });
      rows.push(...result.medicaments.items);
      if (page >= result.medicaments.pageCount) return rows;
    }
  }

  beforeAll(async () => {
    server = await startServerWithRealWorkbook();
    adminToken = await server.adminToken();
    admin = server.client({ token: adminToken });
  });

  afterAll(async () => {
    await server.close();
  });

  describe('whole version', () => {
    let file: Download;

    beforeAll(async () => {
      file = await asAdmin();
    });

    it('names the file after the version', () => {
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(file.headers.get('content-disposition')).toBe(
        `attachment; filename="medicaments-${REAL_VERSION}.csv"`,
      );
    });

    it('starts with a byte-order mark and the header', () => {
      const csv = parseCsv(file.text, ',');

      expect(csv.bom).toBe(true);
      expect(csv.header).toEqual([...COLUMNS]);
    });

    it('parses back to the values of the API', async () => {
      const csv = parseCsv(file.text, ',');
      const expected = await searchAll();

      expect(csv.rows).toHaveLength(REAL_TOTAL);
      expect(expected).toHaveLength(REAL_TOTAL);
      const mismatches = csv.rows.flatMap((row, index) =>
        COLUMNS.filter((column) => row[column] !== expectedCell(expected[index][column])).map(
          (column) => `row ${index + 1} ${column}: ${row[column]} != ${expected[index][column]}`,
        ),
      );
      expect(mismatches).toEqual([]);
    });

    it('keeps accents', () => {
      const csv = parseCsv(file.text, ',');

      const laboratories = new Set(csv.rows.map((row) => row.laboratoire));
      expect(laboratories.has('ABDI IBRAHIM ILAÇ SANAYI VE TICARET A.Ş')).toBe(true);
      expect(csv.rows.some((row) => row.typeMedicamentRaw === 'Gé')).toBe(true);
    });

    it('neutralises the formula-like cells of the sheet', () => {
      const csv = parseCsv(file.text, ',');

      const dashes = csv.rows.filter((row) => row.forme === "'---");
      expect(dashes.length).toBeGreaterThan(0);
      expect(csv.rows.some((row) => row.forme === '---')).toBe(false);
    });
  });

  it('separates cells with semicolons for Excel', async () => {
    const file = await asAdmin('?excel=1&categorie=NON_RENOUVELE');

    const csv = parseCsv(file.text, ';');

    expect(csv.header).toEqual([...COLUMNS]);
    expect(csv.rows).toHaveLength((await searchAll({ categorie: 'NON_RENOUVELE' })).length);
  });

  it('applies the filters and sort of medicaments', async () => {
    const file = await asAdmin(
      '?categorie=RETRAIT&pays_laboratoire=france&sort=nom_marque&order=desc',
    );
    const expected = await searchAll(
      { categorie: 'RETRAIT', paysLaboratoire: 'france' },
      { by: 'NOM_MARQUE', order: 'DESC' },
    );

    const csv = parseCsv(file.text, ',');

    expect(csv.rows.map((row) => row.id)).toEqual(expected.map((row) => String(row.id)));
  });

  it('neutralises a formula and changes nothing else', async () => {
    const formula = '=HYPERLINK("http://127.0.0.1/x";"clic")';
    const created = await admin.request(CreateMedicamentDocument, {
      input: {
        numEnregistrement: '001/99 Z 999/25',
        nomMarque: formula,
        dci: 'PARACÉTAMOL',
        dosage: '+500MG',
        conditionnement: '@B/10, "boîte"\nligne 2',
        laboratoire: 'LABO ÉTÉ',
      },
    });

    const file = await asAdmin('?num_enregistrement=001/99 Z 999/25');
    const csv = parseCsv(file.text, ',');

    expect(csv.rows).toHaveLength(1);
    const [row] = csv.rows;
    expect(row.id).toBe(String(created.createMedicament.id));
    expect(row.nomMarque).toBe(`'${formula}`);
    expect(row.dosage).toBe("'+500MG");
    expect(row.conditionnement).toBe('\'@B/10, "boîte"\nligne 2');
    expect(row.dci).toBe('PARACÉTAMOL');
    expect(row.laboratoire).toBe('LABO ÉTÉ');
  });

  it('accepts an API key', async () => {
    const pro = server.client({ token: await tokenForPack(server, PackCode.PRO) });
    const created = await pro.request<{ createApiKey: { key: string } }>(
      'mutation { createApiKey(name: "export") { key } }',
    );

    const file = await download('?categorie=NOMENCLATURE', {
      'x-api-key': created.createApiKey.key,
    });

    expect(file.status).toBe(200);
    expect(parseCsv(file.text, ',').rows.length).toBeGreaterThan(5000);
  });

  describe('errors', () => {
    it('rejects an unauthenticated caller', async () => {
      const file = await download('', {});

      expect(file.status).toBe(401);
      expect(JSON.parse(file.text).code).toBe('UNAUTHENTICATED');
    });

    it('rejects a pack without EXPORT_CSV', async () => {
      const token = await tokenForPack(server, PackCode.FREE);

      const file = await download('', { authorization: `Bearer ${token}` });

      const body = JSON.parse(file.text);
      expect(file.status).toBe(403);
      expect(body.code).toBe('FORBIDDEN');
      expect(body.reason).toBe('PACK_FEATURE');
      expect(body.feature).toBe('EXPORT_CSV');
    });

    it.each([
      ['an unknown categorie', '?categorie=AUTRE', 'categorie'],
      ['an unknown parameter', '?nom=ASPIRINE', 'nom'],
      ['a malformed date', '?date_initial_min=31-12-2020', 'date_initial_min'],
      ['an unknown sort column', '?sort=prix', 'sort'],
      ['an order without sort', '?order=desc', 'order'],
      ['a repeated parameter', '?q=a&q=b', 'q'],
    ])('rejects %s', async (_case, query, field) => {
      const file = await asAdmin(query);

      const body = JSON.parse(file.text);
      expect(file.status).toBe(400);
      expect(body.code).toBe('BAD_USER_INPUT');
      expect(body.field).toBe(field);
      expect(typeof body.message).toBe('string');
    });

    it('rejects an unpublished version', async () => {
      const file = await asAdmin('?version=2020-01-31');

      expect(file.status).toBe(404);
      expect(JSON.parse(file.text).code).toBe('NOT_FOUND');
    });
  });
});
