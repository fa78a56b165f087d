import type { AttributeChange } from '../events/user-events';
import { jsonEqual, type JsonObject, type JsonValue } from './json';

/**
 * The attribute-level delta between two SCIM resources, for UserUpdated / GroupUpdated.
 *
 * Granularity: top-level attributes; complex single-valued attributes (`name`) and schema
 * extensions (`urn:...:enterprise:2.0:User`) one level down (`name.givenName`,
 * `urn:...:enterprise:2.0:User:department`), which is what auditors read. Multi-valued
 * attributes (`emails`, `members`) are compared and reported whole. Absent is reported as null.
 * Paths are listed in a stable (sorted) order so equal inputs give equal events.
 */
export function diffAttributes(before: JsonObject, after: JsonObject): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const key of unionKeys(before, after)) {
    const b = before[key];
    const a = after[key];
    if (jsonEqual(b, a)) continue;
    if (isPlainObject(b) && isPlainObject(a)) {
      const separator = key.startsWith('urn:') ? ':' : '.';
      for (const sub of unionKeys(b, a)) {
        if (!jsonEqual(b[sub], a[sub]))
          changes.push({ path: `${key}${separator}${sub}`, before: b[sub] ?? null, after: a[sub] ?? null });
      }
    } else {
      changes.push({ path: key, before: b ?? null, after: a ?? null });
    }
  }
  return changes;
}

function unionKeys(a: JsonObject, b: JsonObject): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => a[k] !== undefined || b[k] !== undefined)
    .sort();
}

function isPlainObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
