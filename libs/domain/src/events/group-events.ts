import type { JsonObject } from '../shared/json';
import type { DomainEvent } from './domain-event';
import type { AttributeChange } from './user-events';

/**
 * Group stream events (`group-{tenantId}-{groupId}`): the group's lifecycle and attributes, never
 * its members (those live in one stream per membership, see membership-events.ts).
 *
 * `resource` is the SCIM Group minus `id`, `meta` and `members`.
 */
export const GroupEventVersions = {
  GroupCreated: 1,
  GroupRenamed: 1,
  GroupUpdated: 1,
  GroupDeleted: 1,
} as const;

export type GroupCreated = DomainEvent<
  'GroupCreated',
  { tenantId: string; groupId: string; displayName: string; externalId: string | null; resource: JsonObject }
>;

/** displayName changed (a role rename, which consumers care about on its own). */
export type GroupRenamed = DomainEvent<
  'GroupRenamed',
  { tenantId: string; groupId: string; previousDisplayName: string; displayName: string }
>;

/**
 * Any attribute other than displayName and members changed (externalId, extensions, ...).
 * `changes` never lists displayName (that is GroupRenamed); `resource` is the complete new
 * resource. A command that renames and changes more emits GroupRenamed then GroupUpdated.
 */
export type GroupUpdated = DomainEvent<
  'GroupUpdated',
  { tenantId: string; groupId: string; changes: AttributeChange[]; resource: JsonObject }
>;

/** Every membership of the group ends with it; membership streams are not rewritten. */
export type GroupDeleted = DomainEvent<'GroupDeleted', { tenantId: string; groupId: string; displayName: string }>;

export type GroupEvent = GroupCreated | GroupRenamed | GroupUpdated | GroupDeleted;
