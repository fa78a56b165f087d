import type { IdpProfile } from '@lib/domain';

/**
 * What a tenant's IdP profile changes in how we read requests and shape answers. The generic
 * profile is strict RFC 7643/7644; the others accept what that IdP is documented to send
 * (see docs/idp-compatibility.md for each behaviour and its source).
 */
export interface IdpProfilePolicy {
  /** Attributes no schema defines: refuse (400 invalidValue) or drop. */
  unknownAttributes: 'reject' | 'ignore';
  /** Status of a successful group PATCH: 200 with the group, or 204 (Entra and Okta prefer 204). */
  groupPatchStatus: 200 | 204;
  /** Entra sends booleans as the strings "True"/"False"; strict RFC refuses them. */
  acceptsStringBooleans: boolean;
}

const STRICT: IdpProfilePolicy = { unknownAttributes: 'reject', groupPatchStatus: 200, acceptsStringBooleans: false };
const LENIENT: IdpProfilePolicy = { unknownAttributes: 'ignore', groupPatchStatus: 200, acceptsStringBooleans: true };

const POLICIES: Record<IdpProfile, IdpProfilePolicy> = {
  generic: STRICT,
  entra: { ...LENIENT, groupPatchStatus: 204 },
  okta: { ...LENIENT, groupPatchStatus: 204 },
  jumpcloud: LENIENT,
  google: LENIENT,
  onelogin: LENIENT,
};

export function idpProfilePolicy(profile: IdpProfile): IdpProfilePolicy {
  return POLICIES[profile] ?? STRICT;
}
