import { ResolvedAttribute } from './resolve-attribute';

/** A SCIM resource as JSON: core attributes at the top, extension attributes under their URN. */
export type ScimResource = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a key case-insensitively. Stored resources use canonical names, but resources that
 * arrive from clients may not, and RFC 7643 §2.1 makes attribute names case-insensitive.
 */
export function getCaseInsensitive(object: unknown, key: string): unknown {
  if (!isPlainObject(object)) return undefined;
  if (key in object) return object[key];
  const wanted = key.toLowerCase();
  for (const candidate of Object.keys(object)) {
    if (candidate.toLowerCase() === wanted) return object[candidate];
  }
  return undefined;
}

/** The actual key in `object` matching `key` case-insensitively, if any. */
export function findKeyCaseInsensitive(object: Record<string, unknown>, key: string): string | undefined {
  if (key in object) return key;
  const wanted = key.toLowerCase();
  return Object.keys(object).find((candidate) => candidate.toLowerCase() === wanted);
}

/** The value of a resolved top-level attribute (ignoring any sub-attribute). */
export function getTopLevelValue(resource: ScimResource, resolved: ResolvedAttribute): unknown {
  const container = resolved.inExtension ? getCaseInsensitive(resource, resolved.schemaUrn) : resource;
  return getCaseInsensitive(container, resolved.definition.name);
}

/**
 * RFC 7644 §3.4.2.2 `pr`: "If the attribute has a non-empty value, or if it contains a non-empty
 * node for complex attributes, there is a match." Empty means null, "", [] or an object of empty values.
 */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.every(isEmptyValue);
  if (isPlainObject(value)) return Object.values(value).every(isEmptyValue);
  return false;
}

/** Structural equality of JSON values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => deepEqual(item, b[index]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keysA = Object.keys(a).filter((key) => a[key] !== undefined);
    const keysB = Object.keys(b).filter((key) => b[key] !== undefined);
    if (keysA.length !== keysB.length) return false;
    return keysA.every((key) => deepEqual(a[key], b[key]));
  }
  return false;
}

/** JSON deep copy: resources are JSON, and the PATCH engine must never mutate its input. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
