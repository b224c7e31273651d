import { createHash, randomBytes } from 'node:crypto';

/** Every key starts with this, so that secret scanners and people can recognise it. */
export const API_KEY_PREFIX = 'npp_';

/** Random bytes in a key: 32 bytes give 256 bits, 43 base64url characters. */
const SECRET_BYTES = 32;

/** Characters of a key shown in lists: `npp_` and the first 8 secret characters. */
const VISIBLE_LENGTH = API_KEY_PREFIX.length + 8;

const KEY_FORMAT = /^npp_[A-Za-z0-9_-]{43}$/;

/** A new key: the secret shown once, and what the database stores. */
export interface GeneratedApiKey {
  key: string;
  hash: string;
  prefix: string;
}

/** SHA-256 of a key, hex-encoded; the only form of the secret that is stored. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Whether a text has the shape of one of our keys, checked before any database read. */
export function isWellFormedApiKey(key: string): boolean {
  return KEY_FORMAT.test(key);
}

/** Draws a new key from the system's cryptographic random source. */
export function generateApiKey(): GeneratedApiKey {
  const key = `${API_KEY_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, VISIBLE_LENGTH) };
}
