import { PackCode } from '../../src/packs/pack.catalog';
import { tokenForPack } from '../support/factories';
import { expectGraphQLError } from '../support/graphql';
import { startTestServer, TestServer } from '../support/server';

/** One call of every admin operation on accounts; API key ones are in test/api-keys. */
const ADMIN_OPERATIONS: [string, string][] = [
  ['users', '{ users { total } }'],
  ['pendingUsers', '{ pendingUsers { total } }'],
  ['user', '{ user(id: 1) { user { id } } }'],
  ['adminStats', '{ adminStats { requestsToday } }'],
  ['auditLogs', '{ auditLogs { total } }'],
  ['createUser', 'mutation { createUser(input: { email: "x@example.dz" }) { id } }'],
  ['updateUser', 'mutation { updateUser(id: 1, input: { pack: PRO }) { id } }'],
  ['approveUser', 'mutation { approveUser(id: 1) { id } }'],
  ['rejectUser', 'mutation { rejectUser(id: 1, reason: "non") { id } }'],
  ['changeUserPack', 'mutation { changeUserPack(id: 1, pack: PRO) { id } }'],
  ['deactivateUser', 'mutation { deactivateUser(id: 1) { id } }'],
  ['resetUserPassword', 'mutation { resetUserPassword(id: 1) { id } }'],
];

describe('admin operations access', () => {
  let server: TestServer;
  let readerToken: string;
  let developerToken: string;

  beforeAll(async () => {
    server = await startTestServer();
    readerToken = await tokenForPack(server, PackCode.FREE);
    developerToken = await tokenForPack(server, PackCode.DEVELOPPEUR);
  });

  afterAll(async () => {
    await server.close();
  });

  describe.each(ADMIN_OPERATIONS)('%s', (_name, operation) => {
    it('rejects anonymous callers with UNAUTHENTICATED', async () => {
      await expectGraphQLError(server.client().request(operation), 'UNAUTHENTICATED');
    });

    it('rejects a FREE reader with FORBIDDEN and reason ROLE', async () => {
      const error = await expectGraphQLError(
        server.client({ token: readerToken }).request(operation),
        'FORBIDDEN',
      );

      expect(error.extensions.reason).toBe('ROLE');
    });

    it('rejects a reader of the largest pack too', async () => {
      const error = await expectGraphQLError(
        server.client({ token: developerToken }).request(operation),
        'FORBIDDEN',
      );

      expect(error.extensions.reason).toBe('ROLE');
    });
  });
});
