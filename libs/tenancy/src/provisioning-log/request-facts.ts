import { DomainError } from '@lib/domain';
import { SCIM_PATH } from '@lib/platform';
import { ScimError, toStorableText } from '@lib/scim';
import type { ProvisioningLogEntry } from './provisioning-log-entry';

const MAX_PATH = 1000;
const MAX_DETAIL = 1000;
const MAX_USER_NAME = 256;

/** The path below `${SCIM_PATH}/{tenantId}`, its resource type and id, e.g. `/Users/42` → Users, 42. */
export function scimPathFacts(
  originalUrl: string,
  tenantId: string,
): { path: string; resourceType: string | null; resourceId: string | null } {
  const prefix = `${SCIM_PATH}/${encodeURIComponent(tenantId)}`;
  const below = originalUrl.startsWith(prefix) ? originalUrl.slice(prefix.length) || '/' : originalUrl;
  const [pathname = ''] = below.split('?');
  const [type, id] = pathname.split('/').filter(Boolean);
  const resourceType = type ? safeDecode(type).slice(0, 64) : null;
  const resourceId =
    id && (resourceType === 'Users' || resourceType === 'Groups') ? safeDecode(id).slice(0, 256) : null;
  return { path: below.slice(0, MAX_PATH), resourceType, resourceId };
}

/** A userName from the request body, the response body, or a `userName eq "…"` filter. */
export function userNameFrom(requestBody: unknown, responseBody: unknown, filter: unknown): string | null {
  const fromBody = (body: unknown) =>
    body && typeof body === 'object' && typeof (body as Record<string, unknown>).userName === 'string'
      ? ((body as Record<string, unknown>).userName as string)
      : undefined;
  const fromFilter =
    typeof filter === 'string' ? /\buserName\s+eq\s+"((?:[^"\\]|\\.)*)"/i.exec(filter)?.[1] : undefined;
  const value = fromBody(requestBody) ?? fromBody(responseBody) ?? fromFilter;
  return value === undefined ? null : value.slice(0, MAX_USER_NAME);
}

export function resourceIdFrom(responseBody: unknown): string | null {
  const id =
    responseBody && typeof responseBody === 'object' ? (responseBody as Record<string, unknown>).id : undefined;
  return typeof id === 'string' ? id.slice(0, 256) : null;
}

/** scimType and a human detail of an error; internal errors say nothing about internals. */
export function errorFacts(error: unknown): { scimType: string | null; detail: string | null } {
  if (error instanceof ScimError)
    return { scimType: error.scimType ?? null, detail: error.detail.slice(0, MAX_DETAIL) };
  if (error instanceof DomainError)
    return { scimType: DOMAIN_SCIM_TYPES[error.code] ?? null, detail: error.message.slice(0, MAX_DETAIL) };
  if (error && typeof error === 'object' && typeof (error as { getStatus?: unknown }).getStatus === 'function') {
    return { scimType: null, detail: String((error as Error).message).slice(0, MAX_DETAIL) };
  }
  return { scimType: null, detail: error === undefined ? null : 'internal error' };
}

const DOMAIN_SCIM_TYPES: Partial<Record<DomainError['code'], string>> = {
  uniqueness: 'uniqueness',
  mutability: 'mutability',
  invalid_value: 'invalidValue',
};

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The entry with every text field storable: the edge refuses NUL and lone surrogates in requests,
 * but a row must never depend on that (PostgreSQL refuses them, and a refused row is dropped).
 */
export function storableEntry(entry: ProvisioningLogEntry): ProvisioningLogEntry {
  const clean = (value: string | null) => (value === null ? null : toStorableText(value));
  return {
    ...entry,
    method: clean(entry.method) ?? '',
    path: clean(entry.path) ?? '',
    resourceType: clean(entry.resourceType),
    resourceId: clean(entry.resourceId),
    userName: clean(entry.userName),
    detail: clean(entry.detail),
    requestId: clean(entry.requestId),
  };
}
