import type { IdpProfile } from '../events/tenant-events';

export type TenantCommand =
  | CreateTenant
  | EnableScim
  | IssueScimApiKey
  | RevokeScimApiKey
  | DisableScim
  | ToggleBasicAuth
  | RecordParkedEventSkip;

export interface CreateTenant {
  type: 'CreateTenant';
  tenantId: string;
  name: string;
}

/** Turn SCIM on with an IdP profile, or switch the profile while on. */
export interface EnableScim {
  type: 'EnableScim';
  tenantId: string;
  idpProfile: IdpProfile;
}

/**
 * Issue a key (first key, or a rotation). The caller generated the secret and hashed it; the
 * domain never sees the secret. With `rotation`, every other valid key is revoked, effective at
 * `at` plus the grace period (0 = at once).
 */
export interface IssueScimApiKey {
  type: 'IssueScimApiKey';
  tenantId: string;
  keyId: string;
  keyHash: string;
  at: string;
  rotation?: { graceSeconds: number };
}

export interface RevokeScimApiKey {
  type: 'RevokeScimApiKey';
  tenantId: string;
  keyId: string;
  at: string;
}

/** Delete the SCIM setup: every key stops at once; users, groups and history stay. */
export interface DisableScim {
  type: 'DisableScim';
  tenantId: string;
  at: string;
}

export interface ToggleBasicAuth {
  type: 'ToggleBasicAuth';
  tenantId: string;
  enabled: boolean;
}

/**
 * Record that an operator skips an event a follower parked. Accepted whatever the tenant's state:
 * an event of a tenant that was never created (or whose tenant stream is gone) can be poison too.
 */
export interface RecordParkedEventSkip {
  type: 'RecordParkedEventSkip';
  tenantId: string;
  follower: string;
  eventId: string;
  position: number;
  eventType: string;
}
