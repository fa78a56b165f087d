// Plain types, no framework: the console imports this file by relative path (apps/console/src/views/operator/types.ts).

export interface IssuedAuditorCredential {
  id: string;
  tenantId: string;
  /** Shown once, never stored. */
  secret: string;
  createdAt: string;
}

export interface AuditorCredentialSummary {
  id: string;
  tenantId: string;
  createdAt: string;
  revokedAt: string | null;
}
