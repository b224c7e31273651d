import { hashPassword } from '../../src/auth/password';
import { Role, User, UserStatus } from '../../src/auth/user.entity';
import { PackCode } from '../../src/packs/pack.catalog';
import type { TestServer } from './server';

let sequence = 0;

export interface UserOptions {
  email?: string;
  password?: string;
  pack?: PackCode;
  role?: Role;
  status?: UserStatus;
}

export interface CreatedUser {
  id: number;
  email: string;
  password: string;
}

/** Inserts a user straight into the test server's database (ACTIVE LECTEUR on FREE by default). */
export async function createUser(server: TestServer, options: UserOptions = {}): Promise<CreatedUser> {
  sequence += 1;
  const email = options.email ?? `user${sequence}-${Date.now()}@npp.test`;
  const password = options.password ?? `password-${sequence}-secret`;
  const em = server.services.orm.em.fork();
  const user = em.create(User, {
    email,
    passwordHash: await hashPassword(password),
    fullName: `Utilisateur ${sequence}`,
    role: options.role ?? Role.LECTEUR,
    pack: options.pack ?? PackCode.FREE,
    status: options.status ?? UserStatus.ACTIVE,
  });
  await em.persistAndFlush(user);
  return { id: user.id, email, password };
}

/** Creates an active user of a pack and returns a bearer token for it. */
export async function tokenForPack(server: TestServer, pack: PackCode): Promise<string> {
  const user = await createUser(server, { pack });
  return server.login(user.email, user.password);
}
