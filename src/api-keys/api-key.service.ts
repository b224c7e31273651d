import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';

import type { Principal } from '../auth/access';
import type { ApiKeyResolver } from '../auth/auth.service';
import type { CredentialCache } from '../auth/credential-cache';
import { Role, User, UserStatus } from '../auth/user.entity';
import { clock } from '../core/clock';
import { AppError, ForbiddenReason } from '../core/errors';
import { PackCode, PACKS } from '../packs/pack.catalog';
import { ApiKey } from './api-key.entity';
import { generateApiKey, hashApiKey, isWellFormedApiKey } from './api-key.secret';
import type { ApiKeyUsageRecorder } from './api-key.usage';

const MAX_NAME_LENGTH = 100;
const INVALID_KEY = 'Clé API invalide, révoquée ou désactivée.';

/** A key just created, with its secret: the only time the secret leaves the server. */
export interface CreatedApiKey {
  key: string;
  apiKey: ApiKey;
}

interface KeyOwnerRow {
  api_key_id: number;
  active: boolean | number;
  user_id: number;
  email: string;
  role: Role;
  pack: PackCode;
  status: UserStatus;
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH) {
    throw AppError.badInput(
      `Nom de clé invalide : entre 1 et ${MAX_NAME_LENGTH} caractères, par exemple « Logiciel officine ».`,
      { field: 'name' },
    );
  }
  return trimmed;
}

/** Issues, lists and revokes a user's keys, and resolves `X-API-Key` on each request. */
export class ApiKeyService implements ApiKeyResolver {
  /**
   * @param lockOwnerRows lock the owner's row while counting keys (PostgreSQL), so that
   * concurrent creations cannot pass the pack limit; SQLite writes one at a time anyway.
   */
  constructor(
    private readonly usage: ApiKeyUsageRecorder,
    private readonly lockOwnerRows: boolean,
    private readonly credentials: CredentialCache,
  ) {}

  /** Creates a key unless the owner's pack limit of active keys is reached. */
  async create(em: EntityManager, userId: number, name: string): Promise<CreatedApiKey> {
    const cleanName = checkName(name);
    return em.transactional(async (tx) => {
      const lockMode = this.lockOwnerRows ? LockMode.PESSIMISTIC_WRITE : undefined;
      const owner = await tx.findOneOrFail(User, userId, { lockMode });
      const active = await tx.count(ApiKey, { ownerId: owner.id, active: true });
      const pack = PACKS[owner.pack];
      if (active >= pack.maxApiKeys) {
        throw AppError.forbidden(
          ForbiddenReason.PACK_LIMIT,
          `Votre pack ${pack.label} permet ${pack.maxApiKeys} clé(s) API active(s) : révoquez une clé ou changez de pack.`,
          { limit: pack.maxApiKeys, pack: pack.code },
        );
      }
      const generated = generateApiKey();
      const apiKey = tx.create(ApiKey, {
        ownerId: owner.id,
        name: cleanName,
        prefix: generated.prefix,
        keyHash: generated.hash,
        createdAt: clock.now(),
      });
      tx.persist(apiKey);
      return { key: generated.key, apiKey };
    });
  }

  /** Lists the caller's keys, oldest first, revoked ones included. */
  listOwn(em: EntityManager, userId: number): Promise<ApiKey[]> {
    return em.find(ApiKey, { ownerId: userId }, { orderBy: { id: 'asc' } });
  }

  /** Revokes one of the caller's keys for good; another user's key is NOT_FOUND. */
  async revoke(em: EntityManager, userId: number, id: number): Promise<ApiKey> {
    const apiKey = await em.findOne(ApiKey, { id, ownerId: userId });
    if (!apiKey) throw AppError.notFound(`Aucune clé API avec l'identifiant ${id}.`);
    if (!apiKey.revokedAt) {
      apiKey.active = false;
      apiKey.revokedAt = clock.now();
      await em.flush();
    }
    return apiKey;
  }

  /** Revokes every key of a user, as deleting the account does. */
  async revokeAll(em: EntityManager, userId: number): Promise<number> {
    const revoked = await em.nativeUpdate(
      ApiKey,
      { ownerId: userId, revokedAt: null },
      { active: false, revokedAt: clock.now() },
    );
    this.credentials.accessChanged('api keys revoked');
    return revoked;
  }

  /**
   * Resolves `X-API-Key` to its owner. Unknown, revoked and disabled keys, and keys of an
   * owner who is not ACTIVE, all fail with UNAUTHENTICATED. Resolved keys are remembered by
   * the credential cache, which any change of a key or an account empties, so a revocation
   * applies to the next request.
   */
  async resolve(em: EntityManager, key: string): Promise<Principal> {
    if (!isWellFormedApiKey(key)) throw AppError.unauthenticated(INVALID_KEY);
    const keyHash = hashApiKey(key);
    const principal =
      this.credentials.get(keyHash) ??
      (await this.credentials.resolve(keyHash, async () => ({
        principal: await this.readOwner(em, keyHash),
        expiresAtMs: Number.POSITIVE_INFINITY,
      })));
    this.usage.record(principal.apiKeyId as number, clock.now());
    return principal;
  }

  private async readOwner(em: EntityManager, keyHash: string): Promise<Principal> {
    const row: KeyOwnerRow | undefined = await em
      .getKnex()('api_key as k')
      .join('app_user as u', 'u.id', 'k.owner_id')
      .select('k.id as api_key_id', 'k.active', 'u.id as user_id')
      .select('u.email', 'u.role', 'u.pack', 'u.status')
      .where('k.key_hash', keyHash)
      .first();
    if (!row || !row.active || row.status !== UserStatus.ACTIVE) {
      throw AppError.unauthenticated(INVALID_KEY);
    }
    return {
      userId: Number(row.user_id),
      email: row.email,
      role: row.role,
      pack: row.pack,
      apiKeyId: Number(row.api_key_id),
    };
  }
}
