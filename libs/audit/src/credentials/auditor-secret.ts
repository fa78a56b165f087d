import { prefixedSecrets, sha256Digest } from '@lib/platform';

/**
 * Auditor credentials: `aud_<id>_<secret>` (the format and why: prefixedSecrets in libs/platform).
 * `aud_` tells one apart from a SCIM key (`scim_`) or the operator token. Stored as the hex SHA-256
 * of the whole credential.
 */
export const AUDITOR_PREFIX = 'aud_';
const AUDITOR_SECRETS = prefixedSecrets(AUDITOR_PREFIX);

export interface GeneratedAuditorSecret {
  id: string;
  secret: string;
  secretHash: string;
}

export function generateAuditorSecret(): GeneratedAuditorSecret {
  const { id, secret } = AUDITOR_SECRETS.generate();
  return { id, secret, secretHash: hashAuditorSecret(secret) };
}

/** The id of a well-formed credential, or undefined; never throws. */
export function parseAuditorSecret(presented: string): { id: string } | undefined {
  const id = AUDITOR_SECRETS.parse(presented);
  return id === undefined ? undefined : { id };
}

/** Hex SHA-256 of the whole credential, as stored. */
export function hashAuditorSecret(secret: string): string {
  return sha256Digest(secret).toString('hex');
}
