import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ImportNomenclatureDocument } from '../generated/operations';
import { multipartRequest } from '../support/graphql';
import { startTestServer } from '../support/server';
import { writeFileOfSize } from '../support/test-workbooks';
import { uploadWorkbook } from '../support/upload';

/**
 * Files over MAX_UPLOAD_MB used to hang. Over GraphQL the parser unpiped the file at the
 * limit without ending it, so the copy never finished and no response came. Over REST the
 * 413 came, but formidable left the rest of the body unread, so the connection stayed busy
 * and stopping the server waited for it forever.
 */
describe('oversized upload hangs', () => {
  let folder: string;
  let tooLarge: string;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'npp-regression-'));
    tooLarge = path.join(folder, 'trop-gros.xlsx');
    await writeFileOfSize(tooLarge, 2 * 1024 * 1024);
  });

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers importNomenclature with PAYLOAD_TOO_LARGE', async () => {
    const server = await startTestServer({ MAX_UPLOAD_MB: '1' });

    const response = await multipartRequest(server, ImportNomenclatureDocument, {
      variables: {},
      file: { filePath: tooLarge },
      token: await server.adminToken(),
    });

    await server.close();
    expect(response.errors?.[0]?.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('stops the server after a refused REST upload', async () => {
    const server = await startTestServer({ MAX_UPLOAD_MB: '1' });
    const upload = await uploadWorkbook(server, tooLarge, { token: await server.adminToken() });

    const stopped = server.close().then(() => 'stopped');

    expect(upload.status).toBe(413);
    await expect(stopped).resolves.toBe('stopped');
  });
});
