/** One SCIM request as the provisioning log keeps it: enough to troubleshoot, no secrets, no bodies. */
export interface ProvisioningLogEntry {
  tenantId: string;
  at: string;
  method: string;
  /** Path below the tenant's base URL, with the query string (SCIM puts no secrets there, RFC 7644 §7.5.2). */
  path: string;
  resourceType: string | null;
  resourceId: string | null;
  userName: string | null;
  status: number;
  scimType: string | null;
  detail: string | null;
  latencyMs: number;
  idpProfile: string | null;
  keyId: string | null;
  requestId: string | null;
}

export interface ProvisioningLogQuery {
  tenantId: string;
  from?: string;
  to?: string;
  status?: number;
  resourceId?: string;
  userName?: string;
  limit?: number;
}

export interface ProvisioningLogRow extends ProvisioningLogEntry {
  id: string;
}
