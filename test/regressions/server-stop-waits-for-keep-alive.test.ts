import { once } from 'node:events';

import { REAL_WORKBOOK, startTestServer } from '../support/server';
import { uploadWorkbook } from '../support/upload';

/**
 * Stopping the server used to take keepAliveTimeout (65 s) when a request was in flight:
 * its keep-alive connection became idle only after close(), and nothing closed it then.
 */
describe('server stop waits for keep-alive', () => {
  // The limit is the symptom: without the fix, the stop outlasts it by half a minute.
  const DEADLOCK_GUARD_MS = 30_000;

  it(
    'stops once the request in flight is answered',
    async () => {
      const server = await startTestServer();
      const token = await server.adminToken();
      const arrived = once(server.server, 'request');
      const importing = uploadWorkbook(server, REAL_WORKBOOK, { token });
      await arrived;

      const stopped = server.close().then(() => 'stopped');
      const upload = await importing;

      expect(upload.status).toBe(201);
      await expect(stopped).resolves.toBe('stopped');
    },
    DEADLOCK_GUARD_MS,
  );
});
