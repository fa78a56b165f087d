import type { DomainEvent } from './domain-event';

/** Tenant stream events (`tenant-{tenantId}`): SCIM settings and API keys. */
export const TenantEventVersions = {
  TenantCreated: 1,
  ScimEnabled: 1,
  ScimApiKeyIssued: 1,
  ScimApiKeyRevoked: 1,
  ScimDisabled: 1,
  BasicAuthToggled: 1,
  ParkedEventSkipped: 1,
} as const;

export const IDP_PROFILES = ['entra', 'okta', 'jumpcloud', 'google', 'onelogin', 'generic'] as const;
export type IdpProfile = (typeof IDP_PROFILES)[number];

export type TenantCreated = DomainEvent<'TenantCreated', { tenantId: string; name: string }>;

/** SCIM turned on, or its IdP profile changed while on. */
export type ScimEnabled = DomainEvent<'ScimEnabled', { tenantId: string; idpProfile: IdpProfile }>;

/** Only the key's hash is ever stored; the secret is shown once by the caller and forgotten. */
export type ScimApiKeyIssued = DomainEvent<
  'ScimApiKeyIssued',
  { tenantId: string; keyId: string; keyHash: string; createdAt: string }
>;

/** The key stops working at `effectiveAt` (now, or the end of a rotation grace period). */
export type ScimApiKeyRevoked = DomainEvent<
  'ScimApiKeyRevoked',
  { tenantId: string; keyId: string; reason: 'rotated' | 'revoked' | 'scim_disabled'; effectiveAt: string }
>;

/** The setup was deleted: no key of the tenant is accepted; users, groups and history stay. */
export type ScimDisabled = DomainEvent<'ScimDisabled', { tenantId: string }>;

/** HTTP Basic accepted (test instances only) or not. */
export type BasicAuthToggled = DomainEvent<'BasicAuthToggled', { tenantId: string; enabled: boolean }>;

/**
 * An operator skipped an event of this tenant that a follower of the log (read-model projector,
 * audit projector, publisher) could not apply: the audit log's record of who passed over what.
 */
export type ParkedEventSkipped = DomainEvent<
  'ParkedEventSkipped',
  { tenantId: string; follower: string; eventId: string; position: number; eventType: string }
>;

export type TenantEvent =
  | TenantCreated
  | ScimEnabled
  | ScimApiKeyIssued
  | ScimApiKeyRevoked
  | ScimDisabled
  | BasicAuthToggled
  | ParkedEventSkipped;
