import type { EntityManager } from '@mikro-orm/knex';

import { clock } from '../core/clock';
import { AppError, ForbiddenReason } from '../core/errors';
import type { Logger } from '../core/logger';
import { PackCode } from '../packs/pack.catalog';
import { Access, accessFor, Principal } from './access';
import type { CredentialCache } from './credential-cache';
import { getDecoyHash, hashPassword, needsRehash, verifyPassword } from './password';
import { ACCESS_TOKEN_TTL_SECONDS, TokenService } from './token.service';
import { Role, User, UserStatus } from './user.entity';

/** Resolves an API key to its owner's principal; provided by the api-keys feature. */
export interface ApiKeyResolver {
  resolve(em: EntityManager, key: string): Promise<Principal>;
}

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: User;
}

export const STATUS_LABELS: Record<UserStatus, string> = {
  PENDING: 'en attente de validation',
  ACTIVE: 'actif',
  REJECTED: 'refusé',
  DISABLED: 'désactivé',
  DELETED: 'supprimé',
};

const INVALID_CREDENTIALS = 'Email ou mot de passe incorrect.';

interface UserRow {
  id: number;
  email: string;
  role: Role;
  pack: PackCode;
  status: UserStatus;
  token_version: number;
}

/** Normalises an email the way it is stored: trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Logs users in and turns request credentials into an `Access`. */
export class AuthService {
  apiKeys: ApiKeyResolver | null = null;

  constructor(
    private readonly tokens: TokenService,
    private readonly logger: Logger,
    private readonly credentials: CredentialCache,
  ) {}

  /**
   * Checks email and password. An unknown email and a wrong password get the same error;
   * an account that is not active gets `ACCOUNT_NOT_ACTIVE` only after a correct password.
   */
  async login(em: EntityManager, email: string, password: string): Promise<LoginResult> {
    const user = await em.findOne(User, { email: normaliseEmail(email) });
    const valid = await verifyPassword(user?.passwordHash ?? (await getDecoyHash()), password);
    if (!user || !valid) throw AppError.unauthenticated(INVALID_CREDENTIALS);
    if (user.status !== UserStatus.ACTIVE) {
      throw AppError.forbidden(
        ForbiddenReason.ACCOUNT_NOT_ACTIVE,
        `Ce compte est ${STATUS_LABELS[user.status]} : la connexion est impossible.`,
        { status: user.status },
      );
    }

    if (needsRehash(user.passwordHash)) {
      user.passwordHash = await hashPassword(password);
      this.logger.info({ userId: user.id }, 'password hash upgraded');
    }
    user.lastLoginAt = clock.now();
    await em.flush();
    return this.sessionFor(user);
  }

  /** A new access token for a user, carrying its current `tokenVersion`. */
  sessionFor(user: User): LoginResult {
    return {
      accessToken: this.tokens.sign(user.id, user.tokenVersion),
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      user,
    };
  }

  /**
   * Reads the credentials of a request. Bad credentials do not fail here: they give an
   * anonymous access whose `authError` protected fields report.
   */
  async authenticate(em: EntityManager, authorization?: string, apiKey?: string): Promise<Access> {
    try {
      if (apiKey) {
        if (!this.apiKeys) throw AppError.unauthenticated('Clé API invalide ou révoquée.');
        return accessFor(await this.apiKeys.resolve(em, apiKey));
      }
      if (authorization) return accessFor(await this.principalFromBearer(em, authorization));
      return accessFor(null);
    } catch (error) {
      if (error instanceof AppError) return accessFor(null, error);
      throw error;
    }
  }

  private async principalFromBearer(em: EntityManager, authorization: string): Promise<Principal> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match)
      throw AppError.unauthenticated(
        'En-tête Authorization invalide : format attendu « Bearer <jeton> ».',
      );
    const token = match[1];
    const known = this.credentials.get(token);
    if (known) return known;

    const claims = this.tokens.verify(token);
    return this.credentials.resolve(token, async () => ({
      principal: await this.readPrincipal(em, claims.userId, claims.tokenVersion),
      expiresAtMs: claims.expiresAtMs,
    }));
  }

  /** Role, pack and status come from the database, never from the token. */
  private async readPrincipal(
    em: EntityManager,
    userId: number,
    tokenVersion: number,
  ): Promise<Principal> {
    const row: UserRow | undefined = await em
      .getKnex()('app_user')
      .select('id', 'email', 'role', 'pack', 'status', 'token_version')
      .where('id', userId)
      .first();
    if (!row || Number(row.token_version) !== tokenVersion) {
      throw AppError.unauthenticated('Jeton invalide ou expiré. Reconnectez-vous.');
    }
    if (row.status !== UserStatus.ACTIVE) {
      throw AppError.unauthenticated(`Ce compte est ${STATUS_LABELS[row.status]}.`);
    }
    return {
      userId: Number(row.id),
      email: row.email,
      role: row.role,
      pack: row.pack,
      apiKeyId: null,
    };
  }

  /** Creates the first admin from `ADMIN_EMAIL`/`ADMIN_PASSWORD` when it does not exist. */
  async ensureAdmin(em: EntityManager, email: string, password: string): Promise<void> {
    const normalised = normaliseEmail(email);
    if (await em.findOne(User, { email: normalised })) return;
    const admin = em.create(User, {
      email: normalised,
      passwordHash: await hashPassword(password),
      fullName: 'Administrateur',
      role: Role.ADMIN,
      pack: PackCode.DEVELOPPEUR,
      status: UserStatus.ACTIVE,
    });
    await em.persistAndFlush(admin);
    this.logger.info({ userId: admin.id }, 'first admin created');
  }
}
