import { createHash, randomBytes } from 'node:crypto';

/**
 * SCIM API keys: `scim_<keyId>_<secret>`.
 *
 * - `scim_` makes a leaked key recognisable to secret scanners and to people.
 * - `keyId` (16 hex characters, 64 random bits) is public: it names the key in the admin API,
 *   the audit log and the provisioning log, and is how a presented key is looked up.
 * - `secret` is 32 random bytes (256 bits) in base64url (43 characters).
 *
 * Only `sha256:<base64url digest>` of the whole key is stored. A fast hash is right here because
 * the secret is random and 256 bits long: there is nothing to brute-force, so a slow password
 * hash (bcrypt, scrypt) would only cost CPU on every request without adding safety.
 */
export const API_KEY_PREFIX = 'scim_';
const KEY_PATTERN = /^scim_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const HASH_PREFIX = 'sha256:';

export interface GeneratedApiKey {
  keyId: string;
  /** The whole key, shown to the admin once and never stored. */
  secret: string;
  keyHash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const keyId = randomBytes(8).toString('hex');
  const secret = `${API_KEY_PREFIX}${keyId}_${randomBytes(32).toString('base64url')}`;
  return { keyId, secret, keyHash: hashApiKey(secret) };
}

/** The key id of a well-formed key, or undefined. Never throws: callers must treat both alike. */
export function parseApiKey(presented: string): { keyId: string } | undefined {
  const match = KEY_PATTERN.exec(presented);
  return match ? { keyId: match[1] as string } : undefined;
}

export function hashApiKey(key: string): string {
  return HASH_PREFIX + createHash('sha256').update(key, 'utf8').digest('base64url');
}

/** The 32 digest bytes of a stored hash, or undefined when it is not one of ours. */
export function hashDigest(keyHash: string): Buffer | undefined {
  if (!keyHash.startsWith(HASH_PREFIX)) return undefined;
  const digest = Buffer.from(keyHash.slice(HASH_PREFIX.length), 'base64url');
  return digest.length === 32 ? digest : undefined;
}
