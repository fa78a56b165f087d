import { InvalidValueError, NoTargetError } from '../errors';
import { evaluateValueFilter } from '../filter/evaluator';
import { ResolvedPatchPath } from '../path/resolve-path';
import { AttributeDefinition } from '../schemas/attribute-definition';
import { coerceAttributeValue, CoerceOptions, coerceSingleValue } from '../schemas/coerce-value';
import { isEmptyValue, isPlainObject } from '../schemas/resource-values';
import { enforceSinglePrimary, entryFromFilter, isSameEntry, mergeEntries } from './multi-valued';
import { PatchOperationName } from './patch-operation';

/**
 * The new value of one top-level attribute after one PATCH operation (RFC 7644 §3.5.2.1–3).
 * Pure: `current` is not modified. `undefined` means the attribute is unassigned afterwards.
 */
export function nextAttributeValue(
  op: PatchOperationName,
  target: ResolvedPatchPath,
  current: unknown,
  value: unknown,
  options: NextValueOptions = { createUnmatched: true },
): unknown {
  if (op !== 'remove' && value === undefined)
    throw new InvalidValueError('SCIM-dYQZ', `"${op}" of ${target.canonical} needs a value`);
  const coerce = options.coerce ?? {};
  if (target.valueFilter) return nextFilteredValue(op, target, current, value, options.createUnmatched, coerce);
  if (target.subDefinition)
    return nextSubAttributeValue(op, target.attribute.definition, target.subDefinition, current, value, coerce);
  return nextWholeValue(op, target.attribute.definition, current, value, coerce);
}

export interface NextValueOptions {
  readonly createUnmatched: boolean;
  /** How the incoming value is read (unknown sub-attributes rejected or dropped): the profile's policy. */
  readonly coerce?: CoerceOptions;
}

/** Path names the attribute itself: `members`, `active`, `name`. */
function nextWholeValue(
  op: PatchOperationName,
  definition: AttributeDefinition,
  current: unknown,
  value: unknown,
  coerce: CoerceOptions,
): unknown {
  if (op === 'remove') {
    // Entra removes members as {"op":"Remove","path":"members","value":[{"value":"id"}]}: only those go.
    if (definition.multiValued && value !== undefined && value !== null) {
      const listed = coerceAttributeValue(definition, value, definition.name, coerce) as unknown[];
      return unassignIfEmpty(
        asArray(current).filter((entry) => !listed.some((item) => isSameEntry(definition, entry, item))),
      );
    }
    return undefined;
  }
  const incoming = coerceAttributeValue(definition, value, definition.name, coerce);
  if (incoming === undefined) {
    // `replace` with null unassigns (as Okta sends to clear a field); `add` of nothing is meaningless.
    if (op === 'add') throw new InvalidValueError('SCIM-sxGx', `"add" of ${definition.name} needs a value`);
    return undefined;
  }
  if (definition.multiValued) {
    const entries = incoming as unknown[];
    if (op === 'replace') {
      // §3.5.2.3: replaces the whole set; `replace members []` empties the group.
      return unassignIfEmpty(
        enforceSinglePrimary(
          definition,
          entries,
          entries.map((_, index) => index),
        ),
      );
    }
    const merged = mergeEntries(definition, asArray(current), entries);
    return unassignIfEmpty(enforceSinglePrimary(definition, merged.entries, merged.touched));
  }
  if (definition.type === 'complex' && incoming !== undefined) {
    // §3.5.2.1 and §3.5.2.3: sub-attributes not given are left unchanged, for add and replace alike.
    return unassignIfEmpty({ ...(isPlainObject(current) ? current : {}), ...(incoming as Record<string, unknown>) });
  }
  return incoming;
}

/** Path names a sub-attribute without filter: `name.givenName`, `emails.type`. */
function nextSubAttributeValue(
  op: PatchOperationName,
  definition: AttributeDefinition,
  subDefinition: AttributeDefinition,
  current: unknown,
  value: unknown,
  coerce: CoerceOptions,
): unknown {
  const label = `${definition.name}.${subDefinition.name}`;
  const incoming = op === 'remove' ? undefined : coerceAttributeValue(subDefinition, value, label, coerce);
  const withSub = (entry: unknown) => setKey(isPlainObject(entry) ? entry : {}, subDefinition.name, incoming);
  if (!definition.multiValued) return unassignIfEmpty(withSub(current));
  const entries = asArray(current);
  if (entries.length === 0) return op === 'remove' ? undefined : unassignIfEmpty([withSub({})]);
  // Without a filter the sub-attribute of every value is targeted (RFC 7644 §3.5.2.3, multi-valued without filter).
  const updated = entries.map(withSub);
  return unassignIfEmpty(
    enforceSinglePrimary(
      definition,
      updated,
      updated.map((_, index) => index),
    ),
  );
}

/** Path has a value filter: `emails[type eq "work"]`, `addresses[type eq "work"].locality`. */
function nextFilteredValue(
  op: PatchOperationName,
  target: ResolvedPatchPath,
  current: unknown,
  value: unknown,
  createUnmatched: boolean,
  coerce: CoerceOptions,
): unknown {
  const definition = target.attribute.definition;
  const subDefinition = target.subDefinition;
  const filter = target.valueFilter!;
  const entries = asArray(current).map((entry) => (isPlainObject(entry) ? { ...entry } : entry));
  const matched = entries.flatMap((entry, index) => (evaluateValueFilter(filter, entry, definition) ? [index] : []));

  if (matched.length === 0) {
    if (op === 'remove' || !createUnmatched)
      throw new NoTargetError('SCIM-vCJy', `No value of ${definition.name} matches ${target.canonical}`);
    // Entra: a filtered add/replace of an entry that does not exist yet creates it.
    const seed = entryFromFilter(filter, definition);
    if (!seed) throw new NoTargetError('SCIM-YDRv', `No value of ${definition.name} matches ${target.canonical}`);
    const created = subDefinition
      ? setKey(
          seed,
          subDefinition.name,
          coerceAttributeValue(subDefinition, value, `${definition.name}.${subDefinition.name}`, coerce),
        )
      : {
          ...seed,
          ...(coerceSingleValue(definition, value, definition.name, coerce) as Record<string, unknown> | undefined),
        };
    entries.push(created);
    return unassignIfEmpty(enforceSinglePrimary(definition, entries, [entries.length - 1]));
  }

  if (op === 'remove') {
    if (subDefinition) {
      for (const index of matched)
        entries[index] = setKey(entries[index] as Record<string, unknown>, subDefinition.name, undefined);
      return unassignIfEmpty(entries.filter((entry) => !isEmptyValue(entry)));
    }
    return unassignIfEmpty(entries.filter((_, index) => !matched.includes(index)));
  }

  if (subDefinition) {
    const incoming = coerceAttributeValue(subDefinition, value, `${definition.name}.${subDefinition.name}`, coerce);
    for (const index of matched)
      entries[index] = setKey(entries[index] as Record<string, unknown>, subDefinition.name, incoming);
  } else {
    const incoming = coerceSingleValue(definition, value, definition.name, coerce) as
      | Record<string, unknown>
      | undefined;
    // §3.5.2.3: replace swaps each matching value for the new one; add merges into it.
    for (const index of matched)
      entries[index] = op === 'replace' ? { ...incoming } : { ...(entries[index] as object), ...incoming };
  }
  return unassignIfEmpty(enforceSinglePrimary(definition, entries, matched));
}

function setKey(object: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...object };
  for (const existing of Object.keys(copy)) if (existing.toLowerCase() === key.toLowerCase()) delete copy[existing];
  if (value !== undefined) copy[key] = value;
  return copy;
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** An attribute left with no value is unassigned (RFC 7644 §3.5.2.2: "considered unassigned"). */
function unassignIfEmpty(value: unknown): unknown {
  return isEmptyValue(value) ? undefined : value;
}
