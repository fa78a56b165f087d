// Plain types, no framework: the console imports this file by relative path (apps/console/src/views/operator/types.ts).
import type { IdpProfile } from '../../../domain/src/events/tenant-events';

/** Answers of the tenant admin API (docs/tenancy.md). */
export interface TenantSummary {
  tenantId: string;
  name: string;
  createdAt: string;
  scimEnabled: boolean;
  idpProfile: string | null;
  basicAuthEnabled: boolean;
}

export interface TenantDetails extends TenantSummary {
  scimBaseUrl: string;
}

export interface ScimSetup {
  tenantId: string;
  idpProfile: IdpProfile;
  scimBaseUrl: string;
  /** The new key, shown once. Absent when SCIM was already on with a working key (only the profile changed). */
  apiKey?: string;
  keyId?: string;
}

export interface RotatedKey {
  tenantId: string;
  scimBaseUrl: string;
  apiKey: string;
  keyId: string;
  /** The keys that were valid before, and when they stop working. */
  revoked: Array<{ keyId: string; effectiveAt: string }>;
}

export type KeyStatus = 'active' | 'expiring' | 'revoked';

export interface KeyInfo {
  keyId: string;
  createdAt: string;
  lastUsedAt: string | null;
  status: KeyStatus;
  /** When it stops (expiring) or stopped (revoked) working. */
  revokedAt: string | null;
}
