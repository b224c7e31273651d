import type { ChangeSet, EventArgs, EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import { LRUCache } from 'lru-cache';

import { ApiKey } from '../api-keys/api-key.entity';
import { clock } from '../core/clock';
import type { DataGeneration } from '../core/generation';
import type { Principal } from './access';
import { User } from './user.entity';

/**
 * Maximum time a resolved credential is reused. Changes of accounts and keys clear the
 * cache at once, in every process when Redis is configured. Without Redis, another process
 * may accept a revoked key or a suspended account for this long.
 */
export const CREDENTIAL_TTL_MS = 10_000;

const MAX_CREDENTIALS = 20_000;

interface CachedCredential {
  principal: Principal;
  /** Expiry of the credential itself (the token's `exp`), in milliseconds. */
  expiresAtMs: number;
}

/**
 * Remembers what an access token or an API key resolved to, so that repeated requests skip
 * the database read of the account. The cache is emptied whenever the access generation
 * changes, that is whenever an account or a key is updated or deleted.
 */
export class CredentialCache {
  private readonly entries = new LRUCache<string, CachedCredential>({
    max: MAX_CREDENTIALS,
    ttl: CREDENTIAL_TTL_MS,
  });

  constructor(private readonly generation: DataGeneration) {
    generation.on('change', () => this.entries.clear());
  }

  /** Empties the cache here and, through the access generation, in the other processes. */
  accessChanged(reason: string): void {
    this.generation.bump(reason);
  }

  /** Returns the principal of a credential, or undefined when unknown or expired. */
  get(credential: string): Principal | undefined {
    const entry = this.entries.get(credential);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= clock.nowMs()) {
      this.entries.delete(credential);
      return undefined;
    }
    return entry.principal;
  }

  /**
   * Resolves a credential through `load` and keeps the result, unless an account or a key
   * changed while `load` was reading, because the row read may predate that change.
   */
  async resolve(
    credential: string,
    load: () => Promise<{ principal: Principal; expiresAtMs: number }>,
  ): Promise<Principal> {
    const generationBefore = this.generation.value;
    const loaded = await load();
    if (this.generation.value === generationBefore) this.entries.set(credential, loaded);
    return loaded.principal;
  }
}

/** Columns whose change does not alter what a credential grants. */
const BOOKKEEPING_PROPERTIES = new Set(['lastLoginAt', 'lastUsedAt', 'useCount', 'updatedAt']);

function changesAccess(changeSet?: ChangeSet<object>): boolean {
  if (!changeSet?.payload) return true;
  return Object.keys(changeSet.payload).some((name) => !BOOKKEEPING_PROPERTIES.has(name));
}

/**
 * Bumps the access generation when a user or an API key is updated or deleted through the
 * ORM: once when the change is written, and again after its transaction commits, so that a
 * request that read the old row in between cannot keep it in the cache. Changes written
 * with native queries must bump the generation themselves.
 */
export class AccessChangeSubscriber implements EventSubscriber {
  private changedInTransaction = false;

  constructor(private readonly generation: DataGeneration) {}

  getSubscribedEntities() {
    return [User, ApiKey];
  }

  async afterUpdate(args: EventArgs<object>): Promise<void> {
    if (changesAccess(args.changeSet)) this.changed('account or key updated');
  }

  async afterDelete(): Promise<void> {
    this.changed('account or key deleted');
  }

  async afterTransactionCommit(_args: TransactionEventArgs): Promise<void> {
    if (!this.changedInTransaction) return;
    this.changedInTransaction = false;
    this.generation.bump('access change committed');
  }

  private changed(reason: string): void {
    this.changedInTransaction = true;
    this.generation.bump(reason);
  }
}
