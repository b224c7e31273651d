import { MedicamentsTotalDocument, type MedicamentFilter } from '../generated/operations';
import { REAL_WORKBOOK, startTestServer, TestServer } from './server';
import { uploadWorkbook } from './upload';

/** Row counts of the July 2025 workbook, by sheet, as declared in the sheet titles. */
export const REAL_COUNTS = { nomenclature: 5094, nonRenouvele: 1520, retrait: 2681 } as const;
export const REAL_TOTAL = REAL_COUNTS.nomenclature + REAL_COUNTS.nonRenouvele + REAL_COUNTS.retrait;
export const REAL_VERSION = '2025-07-31';

/** Imports the real workbook through the REST route as the admin; throws if it is rejected. */
export async function importRealWorkbook(server: TestServer): Promise<void> {
  const upload = await uploadWorkbook(server, REAL_WORKBOOK, { token: await server.adminToken() });
  if (upload.status !== 201) {
    throw new Error(
      `import of the real workbook failed: ${upload.status} ${JSON.stringify(upload.body)}`,
    );
  }
}

/** Starts a test server and publishes the real workbook on it. */
export async function startServerWithRealWorkbook(
  env: Record<string, string> = {},
): Promise<TestServer> {
  const server = await startTestServer(env);
  try {
    await importRealWorkbook(server);
  } catch (error) {
    await server.close();
    throw error;
  }
  return server;
}

/** Counts the rows of each category through `medicaments`, signed in as the admin. */
export async function countsByCategory(
  server: TestServer,
  filter: MedicamentFilter = {},
): Promise<{ nomenclature: number; nonRenouvele: number; retrait: number }> {
  const client = server.client({ token: await server.adminToken() });
  const total = async (categorie: MedicamentFilter['categorie']) =>
    (await client.request(MedicamentsTotalDocument, { filter: { ...filter, categorie } }))
      .medicaments.total;
  return {
    nomenclature: await total('NOMENCLATURE'),
    nonRenouvele: await total('NON_RENOUVELE'),
    retrait: await total('RETRAIT'),
  };
}
