import { InvalidValueError } from '../errors';
import { Filter } from '../filter/ast';
import { AttributeDefinition } from '../schemas/attribute-definition';
import { coerceSingleValue } from '../schemas/coerce-value';
import { findAttributeDefinition } from '../schemas/resolve-attribute';
import { deepEqual, getCaseInsensitive, isPlainObject } from '../schemas/resource-values';
import { foldCase } from '../text/fold-case';

/**
 * Whether two values of a multi-valued attribute denote the same entry. Entries are identified by
 * their `value` (compared per its caseExact) and, when both carry one, their `type`; other
 * sub-attributes (display, primary, $ref) are annotations. So `{"value":"id"}` identifies a member
 * whatever `display` the client sends, which is what member removal by value list needs.
 */
export function isSameEntry(definition: AttributeDefinition, a: unknown, b: unknown): boolean {
  if (definition.type !== 'complex' || !isPlainObject(a) || !isPlainObject(b)) return deepEqual(a, b);
  const valueA = getCaseInsensitive(a, 'value');
  const valueB = getCaseInsensitive(b, 'value');
  if (valueA === undefined && valueB === undefined) return deepEqual(a, b);
  if (valueA === undefined || valueB === undefined) return false;
  const valueDefinition = findAttributeDefinition(definition.subAttributes, 'value');
  const caseExact = valueDefinition?.caseExact ?? false;
  const sameValue =
    typeof valueA === 'string' && typeof valueB === 'string' && !caseExact
      ? foldCase(valueA) === foldCase(valueB)
      : deepEqual(valueA, valueB);
  if (!sameValue) return false;
  const typeA = getCaseInsensitive(a, 'type');
  const typeB = getCaseInsensitive(b, 'type');
  if (typeof typeA === 'string' && typeof typeB === 'string') return foldCase(typeA) === foldCase(typeB);
  return true;
}

/**
 * RFC 7644 §3.5.2.1 add to a multi-valued attribute: new entries are appended; an entry that is
 * already there is merged (so re-adding a member is a no-op). Returns the indexes touched.
 */
export function mergeEntries(
  definition: AttributeDefinition,
  existing: unknown[],
  incoming: unknown[],
): { entries: unknown[]; touched: number[] } {
  const entries = [...existing];
  const touched: number[] = [];
  for (const entry of incoming) {
    const index = entries.findIndex((candidate) => isSameEntry(definition, candidate, entry));
    if (index < 0) {
      entries.push(entry);
      touched.push(entries.length - 1);
    } else {
      entries[index] = isPlainObject(entries[index]) && isPlainObject(entry) ? { ...entries[index], ...entry } : entry;
      touched.push(index);
    }
  }
  return { entries, touched };
}

/**
 * RFC 7643 §2.4: "primary" is true for at most one value. When an operation sets primary on an
 * entry, every other entry loses it; an operation that sets two primaries is 400 invalidValue.
 */
export function enforceSinglePrimary(
  definition: AttributeDefinition,
  entries: unknown[],
  touched: number[],
): unknown[] {
  if (!findAttributeDefinition(definition.subAttributes, 'primary')) return entries;
  const isPrimary = (entry: unknown) => isPlainObject(entry) && entry.primary === true;
  const newPrimaries = [...new Set(touched)].filter((index) => isPrimary(entries[index]));
  if (newPrimaries.length > 1)
    throw new InvalidValueError('SCIM-CpLe', `Only one value of ${definition.name} may be primary`);
  const keep = newPrimaries.length === 1 ? newPrimaries[0] : entries.findIndex(isPrimary);
  return entries.map((entry, index) =>
    index !== keep && isPrimary(entry) ? { ...(entry as Record<string, unknown>), primary: false } : entry,
  );
}

/**
 * The entry a value filter describes, when it is only `eq` comparisons joined by `and`
 * (`addresses[type eq "work"]` → `{ type: "work" }`). Entra expects a filtered add/replace on an
 * entry that does not exist yet to create it; any other filter cannot be turned into an entry.
 */
export function entryFromFilter(filter: Filter, definition: AttributeDefinition): Record<string, unknown> | undefined {
  if (filter.kind === 'and') {
    const left = entryFromFilter(filter.left, definition);
    const right = entryFromFilter(filter.right, definition);
    if (!left || !right) return undefined;
    for (const key of Object.keys(right)) if (key in left && !deepEqual(left[key], right[key])) return undefined;
    return { ...left, ...right };
  }
  if (filter.kind !== 'comparison' || filter.operator !== 'eq' || filter.value === null) return undefined;
  if (filter.path.schema !== undefined || filter.path.subAttribute !== undefined) return undefined;
  const subDefinition = findAttributeDefinition(definition.subAttributes, filter.path.attribute);
  if (!subDefinition || subDefinition.mutability === 'readOnly') return undefined;
  return {
    [subDefinition.name]: coerceSingleValue(subDefinition, filter.value, `${definition.name}.${subDefinition.name}`),
  };
}
