import { SCIM_PATH } from '@lib/platform';

export { scimBaseUrl } from '@lib/platform';

/** Every SCIM route lives under a tenant's base URL (`scimBaseUrl`): `${PUBLIC_BASE_URL}/scim/v2/{tenantId}`. */
export const SCIM_ROUTE_PREFIX = `${SCIM_PATH.slice(1)}/:tenantId`;
