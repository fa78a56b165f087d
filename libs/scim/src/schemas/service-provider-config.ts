import { SCHEMA_URNS } from '../messages/urns';

/** The limits and feature switches the service advertises (RFC 7643 §5). */
export interface ServiceProviderLimits {
  documentationUri?: string;
  patchSupported?: boolean;
  bulk: { supported: boolean; maxOperations: number; maxPayloadSize: number };
  filter: { supported: boolean; maxResults: number };
  changePasswordSupported?: boolean;
  sortSupported?: boolean;
  etagSupported?: boolean;
  /** RFC 9865 cursor pagination. */
  pagination?: {
    cursor: boolean;
    index: boolean;
    defaultPaginationMethod?: 'cursor' | 'index';
    defaultPageSize?: number;
    maxPageSize?: number;
    cursorTimeout?: number;
  };
  authenticationSchemes?: AuthenticationScheme[];
  baseLocation?: string;
}

export interface AuthenticationScheme {
  type: string;
  name: string;
  description: string;
  specUri?: string;
  documentationUri?: string;
  primary?: boolean;
}

export const OAUTH_BEARER_TOKEN_SCHEME: AuthenticationScheme = {
  type: 'oauthbearertoken',
  name: 'OAuth Bearer Token',
  description: 'Authentication scheme using the OAuth Bearer Token Standard',
  specUri: 'https://www.rfc-editor.org/info/rfc6750',
  primary: true,
};

/**
 * Builds the RFC 7643 §5 ServiceProviderConfig document from the server's limits, so the
 * advertised numbers are the enforced ones.
 */
export function buildServiceProviderConfig(limits: ServiceProviderLimits): Record<string, unknown> {
  const document: Record<string, unknown> = {
    schemas: [SCHEMA_URNS.serviceProviderConfig],
    ...(limits.documentationUri ? { documentationUri: limits.documentationUri } : {}),
    patch: { supported: limits.patchSupported ?? true },
    bulk: { ...limits.bulk },
    filter: { ...limits.filter },
    changePassword: { supported: limits.changePasswordSupported ?? false },
    sort: { supported: limits.sortSupported ?? true },
    etag: { supported: limits.etagSupported ?? true },
    authenticationSchemes: limits.authenticationSchemes ?? [OAUTH_BEARER_TOKEN_SCHEME],
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: `${limits.baseLocation ?? ''}/ServiceProviderConfig`,
    },
  };
  if (limits.pagination) document.pagination = { ...limits.pagination };
  return document;
}
