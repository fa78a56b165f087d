import type { Environment } from '../config/environment';

/** Where SCIM lives: every tenant's SCIM base URL is `${PUBLIC_BASE_URL}${SCIM_PATH}/{tenantId}`. */
export const SCIM_PATH = '/scim/v2';

/** The settings that say where clients reach the service. */
export type PublicAddress = Pick<Environment, 'PUBLIC_BASE_URL' | 'HOST' | 'PORT'>;

/**
 * The address clients reach the service at: PUBLIC_BASE_URL, else http://HOST:PORT (localhost for a
 * wildcard HOST). A started service always has PUBLIC_BASE_URL: runService sets it from this.
 */
export function publicBaseUrl(address: PublicAddress, port: number = address.PORT): string {
  return address.PUBLIC_BASE_URL ?? `http://${address.HOST === '0.0.0.0' ? 'localhost' : address.HOST}:${port}`;
}

/** A tenant's SCIM base URL: what its IdP is pointed at, and the prefix of every meta.location. */
export function scimBaseUrl(address: PublicAddress, tenantId: string): string {
  return `${publicBaseUrl(address).replace(/\/+$/, '')}${SCIM_PATH}/${encodeURIComponent(tenantId)}`;
}
