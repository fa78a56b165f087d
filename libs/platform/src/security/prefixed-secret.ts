import { createHash, randomBytes } from 'node:crypto';

/**
 * Credentials shaped `<prefix><id>_<secret>` (SCIM API keys `scim_`, auditor credentials `aud_`):
 *
 * - the prefix tells a leaked credential's kind to people and secret scanners, and lets a guard
 *   refuse a wrong kind of token without a lookup;
 * - `id` (16 hex characters, 64 random bits) is public: it names the credential in the admin API
 *   and the logs, and is how a presented credential is looked up;
 * - the secret is 32 random bytes (256 bits) in base64url (43 characters).
 *
 * Only a SHA-256 of the whole credential is stored. A fast hash is right here because the secret is
 * random and 256 bits long: there is nothing to brute-force, so a slow password hash (bcrypt,
 * scrypt) would only cost CPU on every request without adding safety.
 */
export interface PrefixedSecrets {
  generate(): { id: string; secret: string };
  /** The id of a well-formed credential, or undefined. Never throws: callers must treat both alike. */
  parse(presented: string): string | undefined;
}

export function prefixedSecrets(prefix: string): PrefixedSecrets {
  const pattern = new RegExp(`^${prefix}([0-9a-f]{16})_([A-Za-z0-9_-]{43})$`);
  return {
    generate() {
      const id = randomBytes(8).toString('hex');
      return { id, secret: `${prefix}${id}_${randomBytes(32).toString('base64url')}` };
    },
    parse(presented) {
      return pattern.exec(presented)?.[1];
    },
  };
}

/** The SHA-256 digest of a credential as presented. */
export function sha256Digest(credential: string): Buffer {
  return createHash('sha256').update(credential, 'utf8').digest();
}
