import { prefixedSecrets, sha256Digest } from '@lib/platform';

/**
 * SCIM API keys: `scim_<keyId>_<secret>` (the format and why: prefixedSecrets in libs/platform).
 * The key id also names the key in the audit log and the provisioning log. Only
 * `sha256:<base64url digest>` of the whole key is stored.
 */
export const API_KEY_PREFIX = 'scim_';
const API_KEYS = prefixedSecrets(API_KEY_PREFIX);
const HASH_PREFIX = 'sha256:';

export interface GeneratedApiKey {
  keyId: string;
  /** The whole key, shown to the admin once and never stored. */
  secret: string;
  keyHash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const { id: keyId, secret } = API_KEYS.generate();
  return { keyId, secret, keyHash: hashApiKey(secret) };
}

/** The key id of a well-formed key, or undefined. Never throws: callers must treat both alike. */
export function parseApiKey(presented: string): { keyId: string } | undefined {
  const keyId = API_KEYS.parse(presented);
  return keyId === undefined ? undefined : { keyId };
}

export function hashApiKey(key: string): string {
  return HASH_PREFIX + sha256Digest(key).toString('base64url');
}

/** The 32 digest bytes of a stored hash, or undefined when it is not one of ours. */
export function hashDigest(keyHash: string): Buffer | undefined {
  if (!keyHash.startsWith(HASH_PREFIX)) return undefined;
  const digest = Buffer.from(keyHash.slice(HASH_PREFIX.length), 'base64url');
  return digest.length === 32 ? digest : undefined;
}
