import type { EntityManager } from '@mikro-orm/knex';

import type { ApiKeyService } from '../api-keys/api-key.service';
import { clock } from '../core/clock';
import { AppError } from '../core/errors';
import type { Logger } from '../core/logger';
import { flushOrConflict } from '../db/unique';
import { MailOutbox } from '../mail/mail-outbox.entity';
import { PackCode } from '../packs/pack.catalog';
import type { AuthService, LoginResult } from './auth.service';
import { hashPassword, verifyPassword } from './password';
import { Role, User, UserStatus } from './user.entity';
import {
  checkEmail,
  checkPassword,
  checkProfile,
  ProfileInput,
  temporaryPassword,
} from './user-input';

export const EMAIL_TAKEN = 'Un compte existe déjà avec cette adresse email.';

export interface SignupData extends ProfileInput {
  email: string;
  password: string;
  pack: PackCode;
}

/** Domain of the addresses given to deleted accounts; `.invalid` can never receive mail. */
const ANONYMOUS_DOMAIN = 'anonyme.invalid';

/** Account operations of signed-in users (profile, password, deletion), and signup. */
export class AccountService {
  constructor(
    private readonly auth: AuthService,
    private readonly apiKeys: ApiKeyService,
    private readonly logger: Logger,
  ) {}

  /** Creates a PENDING account; it cannot log in until an admin approves it. */
  async signup(em: EntityManager, input: SignupData): Promise<User> {
    const email = checkEmail(input.email);
    const password = checkPassword(input.password);
    const profile = checkProfile(input);
    if (!profile.fullName) {
      throw AppError.badInput('Nom complet manquant.', { field: 'fullName' });
    }

    const now = clock.now();
    const user = em.create(User, {
      email,
      passwordHash: await hashPassword(password),
      ...profile,
      role: Role.LECTEUR,
      pack: input.pack,
      status: UserStatus.PENDING,
      createdAt: now,
      updatedAt: now,
    });
    await flushOrConflict(em, EMAIL_TAKEN);
    this.logger.info({ userId: user.id, pack: user.pack }, 'signup received');
    return user;
  }

  async updateMe(em: EntityManager, userId: number, input: ProfileInput): Promise<User> {
    const user = await em.findOneOrFail(User, userId);
    em.assign(user, checkProfile(input));
    await em.flush();
    return user;
  }

  /**
   * Replaces the password after checking the current one, and increments `tokenVersion` so
   * that every token issued before stops working. Returns a new token for the caller.
   */
  async changePassword(
    em: EntityManager,
    userId: number,
    currentPassword: string,
    newPassword: string,
  ): Promise<LoginResult> {
    const user = await em.findOneOrFail(User, userId);
    await this.checkCurrentPassword(user, currentPassword, 'currentPassword');
    checkPassword(newPassword, 'newPassword');
    if (newPassword === currentPassword) {
      throw AppError.badInput('Le nouveau mot de passe doit différer de l’actuel.', {
        field: 'newPassword',
      });
    }

    user.passwordHash = await hashPassword(newPassword);
    user.passwordChangedAt = clock.now();
    user.tokenVersion += 1;
    await em.flush();
    this.logger.info({ userId }, 'password changed');
    return this.auth.sessionFor(user);
  }

  /**
   * Deletes the caller's account and anonymises its personal data (Algerian law 18-07 on
   * personal data). The account is marked DELETED, its keys are revoked and its queued mails
   * deleted. Its email, name, phone, organisation and password are replaced, so nothing left
   * identifies the person. The row stays so that usage counters and audit entries keep their
   * references.
   */
  async deleteMyAccount(em: EntityManager, userId: number, password: string): Promise<void> {
    const user = await em.findOneOrFail(User, userId);
    await this.checkCurrentPassword(user, password, 'password');
    // Hashed before the transaction: SQLite has one connection, and hashing takes a while.
    const unusableHash = await hashPassword(temporaryPassword());

    await em.transactional(async (tx) => {
      const row = await tx.findOneOrFail(User, userId);
      tx.assign(row, {
        email: `supprime-${userId}@${ANONYMOUS_DOMAIN}`,
        passwordHash: unusableHash,
        fullName: null,
        phone: null,
        organisation: null,
        rejectionReason: null,
        status: UserStatus.DELETED,
        deletedAt: clock.now(),
        tokenVersion: row.tokenVersion + 1,
      });
      await this.apiKeys.revokeAll(tx, userId);
      await tx.nativeDelete(MailOutbox, { userId });
    });
    this.logger.info({ userId }, 'account deleted and anonymised');
  }

  private async checkCurrentPassword(user: User, password: string, field: string) {
    if (!(await verifyPassword(user.passwordHash, password))) {
      throw AppError.badInput('Mot de passe actuel incorrect.', { field });
    }
  }
}
