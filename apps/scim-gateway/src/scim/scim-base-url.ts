/** Every SCIM route lives under a tenant's base URL: `${PUBLIC_BASE_URL}/scim/v2/{tenantId}`. */
export const SCIM_ROUTE_PREFIX = 'scim/v2/:tenantId';

export function scimBaseUrl(publicBaseUrl: string, tenantId: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}/scim/v2/${encodeURIComponent(tenantId)}`;
}
