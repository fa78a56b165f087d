import { DomainError } from './errors';
import type { JsonObject, JsonValue } from './json';

/**
 * Splits a received SCIM resource into what events store: the server-owned attributes (`id`,
 * `meta`) are never stored; `id` may be echoed back unchanged (IdPs do) but not changed (RFC 7643
 * §3.1: id is readOnly; we answer `mutability` rather than silently keep a wrong id).
 */
export function withoutServerAttributes(resource: JsonObject, id: string, site: string): JsonObject {
  const { id: sentId, meta: _meta, ...rest } = resource;
  if (sentId !== undefined && sentId !== null && sentId !== id) {
    throw new DomainError(
      'mutability',
      `attribute "id" is readOnly (sent ${JSON.stringify(sentId)}, resource is ${id})`,
      site,
    );
  }
  return rest;
}

export function requiredString(resource: JsonObject, attribute: string, site: string): string {
  const value = resource[attribute];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new DomainError('invalid_value', `attribute "${attribute}" is required and must be a non-empty string`, site);
  }
  return value;
}

export function optionalString(value: JsonValue | undefined, attribute: string, site: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string')
    throw new DomainError('invalid_value', `attribute "${attribute}" must be a string`, site);
  return value;
}
