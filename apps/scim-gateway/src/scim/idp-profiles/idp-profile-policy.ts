import type { IdpProfile } from '@lib/domain';
import type { PatchOptions } from '@lib/scim';

/**
 * What a tenant's IdP profile changes in how we read requests and shape answers. The generic
 * profile is strict RFC 7643/7644; the others accept what that IdP is documented to send
 * (see docs/idp-compatibility.md for each behaviour and its source).
 */
export interface IdpProfilePolicy {
  /** Attributes no schema defines: refuse (400 invalidValue) or drop. */
  unknownAttributes: 'reject' | 'ignore';
  /** Entra sends booleans as the strings "True"/"False"; strict RFC refuses them. */
  acceptsStringBooleans: boolean;
  /**
   * A filtered add/replace matching no value (`addresses[type eq "work"].locality`) creates it,
   * as Entra expects; strict RFC 7644 §3.5.2.3 answers 400 noTarget.
   */
  createsUnmatchedFilteredValues: boolean;
}

const STRICT: IdpProfilePolicy = { unknownAttributes: 'reject', acceptsStringBooleans: false, createsUnmatchedFilteredValues: false };
const LENIENT: IdpProfilePolicy = { unknownAttributes: 'ignore', acceptsStringBooleans: true, createsUnmatchedFilteredValues: true };

const POLICIES: Record<IdpProfile, IdpProfilePolicy> = {
  generic: STRICT,
  entra: LENIENT,
  okta: LENIENT,
  jumpcloud: LENIENT,
  google: LENIENT,
  onelogin: LENIENT,
};

export function idpProfilePolicy(profile: IdpProfile): IdpProfilePolicy {
  return POLICIES[profile] ?? STRICT;
}

export function patchOptions(policy: IdpProfilePolicy): PatchOptions {
  return { createUnmatchedFilteredValues: policy.createsUnmatchedFilteredValues };
}
