import {
  decideGroup,
  DomainError,
  existingGroup,
  groupDecider,
  groupStream,
  groupVersion,
  type CommandMetadata,
  type JsonObject,
} from '@lib/domain';
import type { EventStore } from '@lib/event-store';
import { unchanged, written, type WriteResult } from '../shared/command-result';
import { checkIfMatch, withRetry } from '../shared/concurrency';
import { loadAggregate } from '../shared/load-aggregate';
import { toAppend } from '../shared/to-append';
import type { MemberDirectory } from '../shared/tokens';
import {
  membershipAppends,
  readMembershipVersion,
  type MemberChange,
  type MembershipVersion,
} from './membership-changes';

/** What a PUT or PATCH changes: the new attributes (its members are ignored here), the members. */
export interface GroupChange {
  /** The new full resource, or absent when only members change. */
  resource?: JsonObject;
  members?: MemberChange;
}

/** The group as the write model read it: its attributes and the position of its newest change. */
export interface GroupSnapshot {
  resource: JsonObject;
  /** The global position of the group's newest change, attributes or membership. */
  position: number;
}

/**
 * A PATCH: the change planned on the group as read, planned again on the newer group after a lost
 * race (its operations are relative), so a concurrent change is never overwritten.
 */
export type GroupChangePlan = (current: GroupSnapshot) => GroupChange | Promise<GroupChange>;

export interface ChangeGroupInput extends GroupChange {
  tenantId: string;
  groupId: string;
  /** Takes the place of `resource` and `members`, computed from the group as read. */
  plan?: GroupChangePlan;
  /** The group stream revision the change was planned on (attributes and lifecycle). */
  expectedVersion?: string;
  /**
   * If-Match: the group's ETag, the global position of its newest change (attributes or
   * membership). The change fails with `precondition_failed` when anything about the group
   * changed after it, checked atomically with the append.
   */
  unchangedSince?: number;
  metadata: CommandMetadata;
}

/**
 * PUT and PATCH of a group. Attribute events go to the group stream; membership events to one
 * stream per member, appended together with the group stream at its read revision (a guard when
 * the attributes did not change), so a concurrent delete or rename of the group is noticed, and
 * with the group's membership version (see membership-changes.ts). A lost race is read, planned
 * and decided again, unless the client sent If-Match (then it is a 412).
 */
export function changeGroup(
  store: EventStore,
  directory: MemberDirectory,
  input: ChangeGroupInput,
): Promise<WriteResult> {
  const { tenantId, groupId, plan, expectedVersion, unchangedSince, metadata } = input;
  const streamId = groupStream(tenantId, groupId);
  return withRetry(expectedVersion ?? ifMatchOf(unchangedSince), async () => {
    // 1-2. read and fold the group, and read its membership version
    const [group, version] = await Promise.all([
      loadAggregate(store, streamId, groupDecider),
      readMembershipVersion(store, tenantId, groupId),
    ]);
    const current = existingGroup(group.state, groupId, 'group.change.not_found').resource;
    checkIfMatch(expectedVersion, group.revision);
    checkUnchangedSince(unchangedSince, group.lastGlobalPosition, version);
    // 3. plan (a PATCH), decide the attributes, then each changed membership against the updated group
    const position = Math.max(group.lastGlobalPosition, version.position);
    const { resource, members } = plan ? await plan({ resource: current, position }) : input;
    const events = resource ? decideGroup({ type: 'UpdateGroup', tenantId, groupId, resource }, group.state) : [];
    const updated = events.reduce(groupDecider.evolve, group.state);
    const guardVersion = unchangedSince !== undefined;
    const change = members ?? { add: [], remove: [] };
    const memberships = await membershipAppends(store, directory, {
      tenantId,
      groupId,
      group: updated,
      change,
      metadata,
      version,
      guardVersion,
    });
    if (events.length === 0 && memberships.every((append) => append.events.length === 0)) {
      return unchanged(groupId, { revision: group.revision, lastGlobalPosition: position }, null);
    }
    // 4. append the group (events or guard), the memberships and the version marker together
    const result = await store.appendMany([
      { streamId, expectedRevision: group.revision, events: toAppend(events, metadata) },
      ...memberships,
    ]);
    return written(groupId, streamId, result, groupVersion);
  });
}

/** If-Match on a group: nothing about it (attributes, lifecycle, membership) is newer than the ETag. */
export function checkUnchangedSince(
  unchangedSince: number | undefined,
  groupPosition: number,
  version: MembershipVersion,
): void {
  if (unchangedSince === undefined) return;
  if (groupPosition > unchangedSince || version.position > unchangedSince) {
    throw new DomainError(
      'precondition_failed',
      `the group changed after version ${unchangedSince}`,
      'group.if_match.changed',
    );
  }
}

/** withRetry turns a lost race into 412 when the client sent If-Match. */
export const ifMatchOf = (unchangedSince: number | undefined): string | undefined =>
  unchangedSince === undefined ? undefined : String(unchangedSince);
