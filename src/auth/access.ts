import { AppError } from '../core/errors';
import { Feature, PackCode, PACKS } from '../packs/pack.catalog';
import { Role } from './user.entity';

/** Caller of a request: a signed-in user, or a user's API key. */
export interface Principal {
  userId: number;
  email: string;
  role: Role;
  pack: PackCode;
  /** Set when the request authenticated with `X-API-Key`. */
  apiKeyId: number | null;
}

/** Permissions of the current request, computed once per request. */
export interface Access {
  principal: Principal | null;
  features: ReadonlySet<Feature>;
  isAdmin: boolean;
  /** Rejection of the credentials sent, reported by protected fields only. */
  authError: AppError | null;
}

const ALL_FEATURES: ReadonlySet<Feature> = new Set(Object.values(Feature));
const NO_FEATURES: ReadonlySet<Feature> = new Set();
const PACK_FEATURES = new Map(
  Object.values(PACKS).map((pack) => [pack.code, new Set(pack.features) as ReadonlySet<Feature>]),
);

/** Admins have every feature; other users those of their pack. */
export function accessFor(principal: Principal | null, authError: AppError | null = null): Access {
  if (!principal) return { principal: null, features: NO_FEATURES, isAdmin: false, authError };
  const isAdmin = principal.role === Role.ADMIN;
  const features = isAdmin ? ALL_FEATURES : (PACK_FEATURES.get(principal.pack) ?? NO_FEATURES);
  return { principal, features, isAdmin, authError };
}

/** Keys of the shared feature sets, built once each since every cached read needs one. */
const VISIBILITY_KEYS = new WeakMap<ReadonlySet<Feature>, string>();

/** Returns a stable text of what a caller may see, for response cache keys. */
export function visibilityKey(access: Access): string {
  if (!access.principal) return 'anonymous';
  if (access.isAdmin) return 'admin';
  let key = VISIBILITY_KEYS.get(access.features);
  if (key === undefined) {
    key = [...access.features].sort().join(',');
    VISIBILITY_KEYS.set(access.features, key);
  }
  return key;
}
