/** Answers of the admin API (docs/tenancy.md, docs/audit.md), as the console uses them. */
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
  idpProfile: string;
  scimBaseUrl: string;
  apiKey?: string;
  keyId?: string;
}

export interface RotatedKey {
  tenantId: string;
  scimBaseUrl: string;
  apiKey: string;
  keyId: string;
  revoked: Array<{ keyId: string; effectiveAt: string }>;
}

export interface KeyInfo {
  keyId: string;
  createdAt: string;
  lastUsedAt: string | null;
  status: 'active' | 'expiring' | 'revoked';
  revokedAt: string | null;
}

export interface AuditorSummary {
  id: string;
  tenantId: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface IssuedAuditor {
  id: string;
  tenantId: string;
  secret: string;
  createdAt: string;
}
