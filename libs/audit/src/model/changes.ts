import type { AuditChange } from './answers';

/**
 * The before/after of single events, with no state: shared by the projection and the oracle
 * because it is a rendering of one event's data, not a question of history.
 */

/** A provisioned user: every attribute it arrived with, from nothing. */
export function provisionChanges(data: Record<string, unknown>): AuditChange[] {
  const resource = (data.resource ?? {}) as Record<string, unknown>;
  const changes: AuditChange[] = [
    { path: 'userName', before: null, after: data.userName ?? null },
    { path: 'active', before: null, after: data.active ?? null },
  ];
  if (data.externalId !== null && data.externalId !== undefined)
    changes.push({ path: 'externalId', before: null, after: data.externalId });
  const skipped = new Set(['userName', 'active', 'externalId', 'schemas', 'id', 'meta']);
  for (const key of Object.keys(resource).sort()) {
    if (!skipped.has(key) && resource[key] !== undefined)
      changes.push({ path: key, before: null, after: resource[key] });
  }
  return changes;
}

/** The attribute delta of a UserUpdated / GroupUpdated exactly as the event carries it. */
export function updateChanges(data: Record<string, unknown>): AuditChange[] {
  const changes = (data.changes ?? []) as Array<{ path: string; before?: unknown; after?: unknown }>;
  return changes.map((c) => ({ path: c.path, before: c.before ?? null, after: c.after ?? null }));
}

/** UserActiveAttributeChanged: `active` from a value to unassigned (null) or back. */
export function activeAttributeChanges(data: Record<string, unknown>): AuditChange[] {
  return [{ path: 'active', before: data.before ?? null, after: data.after ?? null }];
}

export const roleValue = (groupId: string, displayName: string | null) => ({ groupId, displayName });

/** Code-unit order, the same as PostgreSQL's COLLATE "C": answers sort identically in SQL and memory. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Member ids of a membership event (one per stream today; the array keeps a batch form possible). */
export function memberIdsOf(data: Record<string, unknown>): string[] {
  return Array.isArray(data.memberIds) ? (data.memberIds as unknown[]).map(String) : [];
}

/**
 * What a record of an event with encrypted personal values chains in clear: what is not
 * personal (a provisioning's `active`, the paths of an update), computed alike from the clear
 * data and from its erased view, so a rebuild after an erasure chains the very same record.
 */
export function withheldChanges(type: string, data: Record<string, unknown>): AuditChange[] {
  if (type === 'UserProvisioned') return [{ path: 'active', before: null, after: data.active ?? null }];
  return updateChanges(data).map(({ path }) => ({ path, before: null, after: null }));
}

/** The changes an auditor reads while the values can be decrypted: the same as for an event stored in clear. */
export function disclosedChanges(
  type: string,
  withheld: readonly AuditChange[],
  personal: Record<string, unknown>,
): AuditChange[] {
  if (type === 'UserProvisioned')
    return provisionChanges({ ...personal, active: withheld.find((c) => c.path === 'active')?.after ?? null });
  return updateChanges(personal);
}

/** The record of an erasure: the person's values are gone from here on. */
export const ERASURE_CHANGES: readonly AuditChange[] = Object.freeze([
  { path: 'personalData', before: null, after: 'erased' },
]);
