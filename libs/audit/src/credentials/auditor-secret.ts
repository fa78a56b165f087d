import { createHash, randomBytes } from 'node:crypto';

/**
 * Auditor credentials: `aud_<id>_<secret>`.
 *
 * - `aud_` tells a leaked credential apart from a SCIM key (`scim_`) or the operator token, for
 *   people and secret scanners, and lets the guard refuse a wrong kind of token without a lookup.
 * - `id` (16 hex characters, 64 random bits) is public: it names the credential in the admin API
 *   and is how a presented credential is looked up.
 * - the secret is 32 random bytes (256 bits) in base64url.
 *
 * Only the SHA-256 of the whole credential is stored: the secret is random and long, so there is
 * nothing to brute-force, and a slow password hash would only cost CPU on every request.
 */
export const AUDITOR_PREFIX = 'aud_';
const PATTERN = /^aud_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedAuditorSecret {
  id: string;
  secret: string;
  secretHash: string;
}

export function generateAuditorSecret(): GeneratedAuditorSecret {
  const id = randomBytes(8).toString('hex');
  const secret = `${AUDITOR_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
  return { id, secret, secretHash: hashAuditorSecret(secret) };
}

/** The id of a well-formed credential, or undefined; never throws. */
export function parseAuditorSecret(presented: string): { id: string } | undefined {
  const match = PATTERN.exec(presented);
  return match ? { id: match[1] as string } : undefined;
}

/** Hex SHA-256 of the whole credential, as stored. */
export function hashAuditorSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
