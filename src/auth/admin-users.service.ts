import type { EntityManager } from '@mikro-orm/knex';

import { clock } from '../core/clock';
import { AppError } from '../core/errors';
import type { Logger } from '../core/logger';
import { flushOrConflict } from '../db/unique';
import { PackCode } from '../packs/pack.catalog';
import { EMAIL_TAKEN } from './account.service';
import { accountMails } from './account-mails';
import { AuditAction } from './audit-log.entity';
import type { AuditService } from './audit.service';
import { STATUS_LABELS } from './auth.service';
import { hashPassword } from './password';
import { Role, User, UserStatus } from './user.entity';
import {
  checkEmail,
  checkPassword,
  checkProfile,
  ProfileInput,
  temporaryPassword,
} from './user-input';

export interface CreateUserData extends ProfileInput {
  email: string;
  password?: string | null;
  role: Role;
  pack: PackCode;
}

export interface UpdateUserData extends ProfileInput {
  role?: Role | null;
  pack?: PackCode | null;
  status?: UserStatus | null;
}

const MAX_REASON_LENGTH = 1000;

function wrongStatus(user: User, expected: string): AppError {
  return AppError.badInput(
    `Le compte ${user.id} est ${STATUS_LABELS[user.status]} : cette action demande un compte ${expected}.`,
    { field: 'id', status: user.status },
  );
}

/** Guards admins against locking themselves out by demoting or disabling their own account. */
function assertNotSelf(actorId: number, user: User, what: string): void {
  if (actorId !== user.id) return;
  throw AppError.badInput(
    `Vous ne pouvez pas modifier votre propre ${what} : demandez-le à un autre administrateur.`,
    { field: 'id' },
  );
}

type AccessChanges = Partial<Pick<User, 'role' | 'pack' | 'status'>>;

/** Returns the role, pack and status an update changes, after the self-lockout and DELETED checks. */
function accessChanges(actorId: number, user: User, input: UpdateUserData): AccessChanges {
  const changes: AccessChanges = {};
  if (input.role && input.role !== user.role) {
    assertNotSelf(actorId, user, 'rôle');
    changes.role = input.role;
  }
  if (input.pack && input.pack !== user.pack) changes.pack = input.pack;
  if (input.status && input.status !== user.status) {
    if (input.status === UserStatus.DELETED) {
      throw AppError.badInput('Un compte ne peut être supprimé que par son titulaire.', {
        field: 'status',
      });
    }
    assertNotSelf(actorId, user, 'statut');
    changes.status = input.status;
  }
  return changes;
}

/** Admin changes to accounts. Each one writes its audit entry in the same transaction. */
export class AdminUserService {
  constructor(
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  /** Creates an ACTIVE account; without a password, a temporary one is generated and mailed. */
  async create(em: EntityManager, actorId: number, input: CreateUserData): Promise<User> {
    const email = checkEmail(input.email);
    const generated = input.password ? null : temporaryPassword();
    const passwordHash = await hashPassword(checkPassword(input.password ?? generated!));
    const profile = checkProfile(input);

    const user = await em.transactional(async (tx) => {
      const now = clock.now();
      const created = tx.create(User, {
        ...profile,
        email,
        passwordHash,
        role: input.role,
        pack: input.pack,
        status: UserStatus.ACTIVE,
        createdAt: now,
        updatedAt: now,
      });
      await flushOrConflict(tx, EMAIL_TAKEN);
      if (generated) accountMails.temporaryPassword(tx, created, generated, true);
      this.record(tx, actorId, AuditAction.USER_CREATED, created, {
        role: created.role,
        pack: created.pack,
      });
      return created;
    });
    this.logger.info({ userId: user.id, actorId }, 'user created by admin');
    return user;
  }

  /** Changes role, pack, status and profile; the audit entry lists what changed. */
  async update(em: EntityManager, actorId: number, id: number, input: UpdateUserData) {
    const user = await this.editableUser(em, id);
    const changes = accessChanges(actorId, user, input);
    const profile = checkProfile(input);
    em.assign(user, { ...changes, ...profile });
    const details = { ...changes, profileFields: Object.keys(profile) };
    this.record(em, actorId, AuditAction.USER_UPDATED, user, details);
    await em.flush();
    return user;
  }

  /** Activates a PENDING (or earlier REJECTED) account and mails its owner. */
  async approve(em: EntityManager, actorId: number, id: number): Promise<User> {
    const user = await this.editableUser(em, id);
    if (user.status !== UserStatus.PENDING && user.status !== UserStatus.REJECTED) {
      throw wrongStatus(user, 'en attente ou refusé');
    }
    user.status = UserStatus.ACTIVE;
    user.rejectionReason = null;
    accountMails.approved(em, user);
    this.record(em, actorId, AuditAction.USER_APPROVED, user, { pack: user.pack });
    await em.flush();
    return user;
  }

  /** Rejects a PENDING account with a reason that its owner receives by mail. */
  async reject(em: EntityManager, actorId: number, id: number, reason: string): Promise<User> {
    const cleanReason = reason.trim();
    if (!cleanReason || cleanReason.length > MAX_REASON_LENGTH) {
      throw AppError.badInput(`Motif requis, ${MAX_REASON_LENGTH} caractères au plus.`, {
        field: 'reason',
      });
    }
    const user = await this.editableUser(em, id);
    if (user.status !== UserStatus.PENDING) throw wrongStatus(user, 'en attente');
    user.status = UserStatus.REJECTED;
    user.rejectionReason = cleanReason;
    accountMails.rejected(em, user, cleanReason);
    this.record(em, actorId, AuditAction.USER_REJECTED, user, null);
    await em.flush();
    return user;
  }

  /** Moves a user to another pack; extra API keys stay active, new ones follow the new limit. */
  async changePack(em: EntityManager, actorId: number, id: number, pack: PackCode) {
    const user = await this.editableUser(em, id);
    const details = { from: user.pack, to: pack };
    user.pack = pack;
    this.record(em, actorId, AuditAction.USER_PACK_CHANGED, user, details);
    await em.flush();
    return user;
  }

  /** Disables an account: its tokens and keys fail from the next request. */
  async deactivate(em: EntityManager, actorId: number, id: number): Promise<User> {
    const user = await this.editableUser(em, id);
    assertNotSelf(actorId, user, 'statut');
    const details = { from: user.status };
    user.status = UserStatus.DISABLED;
    this.record(em, actorId, AuditAction.USER_DEACTIVATED, user, details);
    await em.flush();
    return user;
  }

  /** Replaces the password by a temporary one, mailed to the user; older tokens stop working. */
  async resetPassword(em: EntityManager, actorId: number, id: number): Promise<User> {
    const user = await this.editableUser(em, id);
    const password = temporaryPassword();
    user.passwordHash = await hashPassword(password);
    user.passwordChangedAt = clock.now();
    user.tokenVersion += 1;
    accountMails.temporaryPassword(em, user, password, false);
    this.record(em, actorId, AuditAction.USER_PASSWORD_RESET, user, null);
    await em.flush();
    return user;
  }

  private async editableUser(em: EntityManager, id: number): Promise<User> {
    const user = await em.findOne(User, id);
    if (!user) throw AppError.notFound(`Aucun utilisateur avec l'identifiant ${id}.`);
    if (user.status === UserStatus.DELETED) {
      throw AppError.badInput(`Le compte ${id} a été supprimé : il ne peut plus être modifié.`, {
        field: 'id',
      });
    }
    return user;
  }

  private record(
    em: EntityManager,
    actorId: number,
    action: AuditAction,
    user: User,
    details: Record<string, unknown> | null,
  ): void {
    this.audit.record(em, { actorId, action, targetUserId: user.id, details });
  }
}
