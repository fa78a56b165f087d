import { InvalidValueError } from '../errors';
import { Filter } from '../filter/ast';
import { parsePatchPath } from '../path/parser';
import { coerceAttributeValue, CoerceOptions } from '../schemas/coerce-value';
import { RESOURCE_LIMITS } from '../schemas/limits';
import { GROUP_RESOURCE_SCHEMA } from '../schemas/resource-schema';
import { findAttributeDefinition } from '../schemas/resolve-attribute';
import { getCaseInsensitive, isPlainObject } from '../schemas/resource-values';
import { normalisePatchOperation, PatchOperation } from './patch-operation';

/**
 * What a Group PATCH does to membership, computed from the operations alone so that the server
 * can add or remove one member of a 100,000-member group without loading the member list.
 */
export interface GroupMemberPatchPlan {
  /** Ids to add (net of later removals in the same request). */
  readonly membersAdded: string[];
  /**
   * Ids to remove. An id may not be a member: RFC 7644 §3.5.2.2 makes a filtered removal
   * (`members[value eq "id"]`) that matches nothing a 400 noTarget, while this library treats
   * the value-list form as a no-op; `removedByFilter` tells the two apart.
   */
  readonly membersRemoved: string[];
  readonly removedByFilter: string[];
  /** Set when the operations replace the whole set (`replace members`, `remove members`): the final ids. */
  readonly membersReplacedWith?: string[];
  /** Operations on other attributes (e.g. displayName), to run through applyPatch. */
  readonly otherOperations: PatchOperation[];
  /**
   * True when some member operation cannot be expressed by ids (a filter on `display`,
   * a sub-attribute path); the caller must then load the members and use applyPatch.
   */
  readonly requiresMemberList: boolean;
  /**
   * The `display` sent with a member added (or named in a replacement set), by member id: kept
   * for that member instead of one computed from the user (RFC 7643 §4.2 member sub-attributes).
   */
  readonly memberDisplays: Record<string, string>;
}

export interface GroupMemberPlanOptions {
  /** Sub-attributes a member value may carry that the schema lacks (`displayName`): the same policy as applyPatch's. */
  readonly unknownAttributes?: 'reject' | 'ignore';
}

const MEMBERS = findAttributeDefinition(GROUP_RESOURCE_SCHEMA.core.attributes, 'members')!;

/**
 * Classifies Group PATCH operations (RFC 7644 §3.5.2) into member additions and removals by id,
 * a full replacement of the member set, and other attribute operations. Operations are taken in
 * order: `replace members [a]` then `add members [b]` gives `membersReplacedWith: [a, b]`.
 * Malformed operations throw the same errors as applyPatch.
 */
export function planGroupMemberPatch(
  operations: readonly PatchOperation[],
  options: GroupMemberPlanOptions = {},
): GroupMemberPatchPlan {
  const coerce: CoerceOptions = { unknownAttributes: options.unknownAttributes ?? 'reject' };
  const added = new Set<string>();
  const removed = new Set<string>();
  const removedByFilter = new Set<string>();
  let replaced: Set<string> | undefined;
  const otherOperations: PatchOperation[] = [];
  let requiresMemberList = false;
  let named = 0;

  /** Member displays sent with adds, by id (see GroupMemberPatchPlan.memberDisplays). */
  const displays = new Map<string, string>();

  /**
   * The ids of one members value, counted against the request's limit; an add's displays are noted
   * (the last add of an id wins).
   */
  const memberIds = (value: unknown, adding = false): string[] => {
    const members = membersOf(value, coerce);
    named += members.length;
    if (named > RESOURCE_LIMITS.membersPerRequest) {
      throw new InvalidValueError(
        'SCIM-nsgk',
        `The request names more than ${RESOURCE_LIMITS.membersPerRequest} members; send them in several requests.`,
      );
    }
    if (!adding) return members.map(({ id }) => id);
    for (const { id, display } of members) {
      if (display === undefined) displays.delete(id);
      else displays.set(id, display);
    }
    return members.map(({ id }) => id);
  };

  const add = (id: string) => {
    if (replaced) replaced.add(id);
    else {
      removed.delete(id);
      removedByFilter.delete(id);
      added.add(id);
    }
  };
  const remove = (id: string, byFilter: boolean) => {
    if (replaced) replaced.delete(id);
    else {
      added.delete(id);
      removed.add(id);
      if (byFilter) removedByFilter.add(id);
    }
  };
  const replaceAll = (ids: string[]) => {
    replaced = new Set(ids);
    added.clear();
    removed.clear();
    removedByFilter.clear();
  };

  operations.forEach((raw, index) => {
    const operation = normalisePatchOperation(raw, index);
    if (operation.path === undefined) {
      if (!isPlainObject(operation.value)) {
        otherOperations.push(raw);
        return;
      }
      const rest: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(operation.value)) {
        if (key.toLowerCase() !== 'members') {
          rest[key] = value;
        } else if (operation.op === 'replace') {
          replaceAll(memberIds(value, true));
        } else {
          memberIds(value, true).forEach(add);
        }
      }
      if (Object.keys(rest).length > 0) otherOperations.push({ op: operation.op, value: rest });
      return;
    }
    const path = parsePatchPath(operation.path);
    const isMembers =
      path.attribute.toLowerCase() === 'members' &&
      (path.schema === undefined || path.schema.toLowerCase() === GROUP_RESOURCE_SCHEMA.core.id.toLowerCase());
    if (!isMembers) {
      otherOperations.push(raw);
      return;
    }
    if (path.subAttribute !== undefined) {
      requiresMemberList = true;
      return;
    }
    if (path.valueFilter) {
      const ids = operation.op === 'remove' ? idsOfValueFilter(path.valueFilter) : undefined;
      if (ids) ids.forEach((id) => remove(id, true));
      else requiresMemberList = true;
      return;
    }
    if (operation.op === 'add') memberIds(operation.value, true).forEach(add);
    else if (operation.op === 'replace') replaceAll(memberIds(operation.value, true));
    else if (operation.value === undefined || operation.value === null) replaceAll([]);
    else memberIds(operation.value).forEach((id) => remove(id, false));
  });

  const kept = new Set(replaced ?? added);
  return {
    membersAdded: [...added],
    membersRemoved: [...removed],
    removedByFilter: [...removedByFilter],
    ...(replaced ? { membersReplacedWith: [...replaced] } : {}),
    otherOperations,
    requiresMemberList,
    memberDisplays: Object.fromEntries([...displays].filter(([id]) => kept.has(id))),
  };
}

/**
 * The members of a members value (`[{"value":"id"}]`, a single object, or null for none), validated
 * against the schema.
 */
function membersOf(value: unknown, coerce: CoerceOptions): Array<{ id: string; display?: string }> {
  const entries = (coerceAttributeValue(MEMBERS, value, MEMBERS.name, coerce) as unknown[] | undefined) ?? [];
  return entries.map((entry, index) => {
    const id = getCaseInsensitive(entry, 'value');
    if (typeof id !== 'string' || id === '')
      throw new InvalidValueError('SCIM-THKJ', `members[${index}] needs a "value" (the member id)`);
    const display = getCaseInsensitive(entry, 'display');
    return typeof display === 'string' && display !== '' ? { id, display } : { id };
  });
}

/** `value eq "a"` or `value eq "a" or value eq "b"` → ["a", "b"]; anything else → undefined. */
function idsOfValueFilter(filter: Filter): string[] | undefined {
  if (filter.kind === 'or') {
    const left = idsOfValueFilter(filter.left);
    const right = idsOfValueFilter(filter.right);
    return left && right ? [...left, ...right] : undefined;
  }
  if (
    filter.kind === 'comparison' &&
    filter.operator === 'eq' &&
    typeof filter.value === 'string' &&
    filter.path.schema === undefined &&
    filter.path.subAttribute === undefined &&
    filter.path.attribute.toLowerCase() === 'value'
  ) {
    return [filter.value];
  }
  return undefined;
}
