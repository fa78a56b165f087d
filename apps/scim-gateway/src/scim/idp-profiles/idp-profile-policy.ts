import type { IdpProfile } from '@lib/domain';
import type { FilterParseOptions, GroupMemberPlanOptions, PatchOptions } from '@lib/scim';

/**
 * What a tenant's IdP profile changes in how we read requests and shape answers. The generic
 * profile is strict RFC 7643/7644; the others accept what that IdP is documented to send
 * (see docs/idp-compatibility.md for each behaviour and its source).
 */
export interface IdpProfilePolicy {
  /**
   * Attributes, sub-attributes and schema extension objects no schema defines, in a POST/PUT body
   * or a PATCH value (whatever the path form): refuse (400) or drop.
   */
  unknownAttributes: 'reject' | 'ignore';
  /** Entra sends booleans as the strings "True"/"False"; strict RFC refuses them. */
  acceptsStringBooleans: boolean;
  /**
   * A filtered add/replace matching no value (`addresses[type eq "work"].locality`) creates it,
   * as Entra expects; strict RFC 7644 §3.5.2.3 answers 400 noTarget.
   */
  createsUnmatchedFilteredValues: boolean;
  /** `filter=userName eq Test_User_1`: a single unquoted token is a string (Microsoft's validator). */
  acceptsUnquotedFilterValues: boolean;
  /** `attributes=emails[type eq "work"]` selects `emails` (Microsoft's validator); RFC names attributes only. */
  acceptsValueFiltersInAttributeNames: boolean;
  /** A user PATCH answers 204 unless attributes are asked for, as every group PATCH does (Entra). */
  answersUserPatchWithNoContent: boolean;
}

const STRICT: IdpProfilePolicy = {
  unknownAttributes: 'reject',
  acceptsStringBooleans: false,
  createsUnmatchedFilteredValues: false,
  acceptsUnquotedFilterValues: false,
  acceptsValueFiltersInAttributeNames: false,
  answersUserPatchWithNoContent: false,
};
const LENIENT: IdpProfilePolicy = {
  ...STRICT,
  unknownAttributes: 'ignore',
  acceptsStringBooleans: true,
  createsUnmatchedFilteredValues: true,
};
/** Request shapes Microsoft's SCIM validator sends, accepted for Entra tenants only. */
const ENTRA: IdpProfilePolicy = {
  ...LENIENT,
  acceptsUnquotedFilterValues: true,
  acceptsValueFiltersInAttributeNames: true,
  answersUserPatchWithNoContent: true,
};

const POLICIES: Record<IdpProfile, IdpProfilePolicy> = {
  generic: STRICT,
  entra: ENTRA,
  okta: LENIENT,
  jumpcloud: LENIENT,
  google: LENIENT,
  onelogin: LENIENT,
};

export function idpProfilePolicy(profile: IdpProfile): IdpProfilePolicy {
  return POLICIES[profile] ?? STRICT;
}

export function patchOptions(policy: IdpProfilePolicy): PatchOptions & GroupMemberPlanOptions {
  return {
    createUnmatchedFilteredValues: policy.createsUnmatchedFilteredValues,
    unknownAttributes: policy.unknownAttributes,
  };
}

export function filterOptions(policy: IdpProfilePolicy): FilterParseOptions {
  return { unquotedStrings: policy.acceptsUnquotedFilterValues };
}
