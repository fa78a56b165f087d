import type { GroupMembershipEvent, MembershipEvent } from '@lib/domain';
import type { ReadModelDraft } from './draft';
import { requireString, requireStringArray } from './event-guards';
import { buildGroup } from './group.reducers';
import { ProjectionError, type ProjectedEvent, type Reducers } from './projected-event';

/**
 * (event type -> reducer) for group memberships. Membership streams are separate from user and
 * group streams, so the global log may order a member add after the user's or group's deletion
 * (the decision and the delete raced). Such an add names a resource that is gone from the SCIM
 * view and is applied as "no membership" — a rule, identical in incremental projection and
 * rebuild, not a skipped event.
 */
export const membershipReducers: Reducers<MembershipEvent> = {
  GroupMembersAdded(draft, event) {
    applyMembership(draft, event, true);
  },
  GroupMembersRemoved(draft, event) {
    applyMembership(draft, event, false);
  },
};

/**
 * The group's membership version marker, the last event of every membership change: the group's
 * ETag becomes its position, so an If-Match on that ETag guards the whole change (the write model
 * compares it with the marker's position).
 */
export const groupMembershipReducers: Reducers<GroupMembershipEvent> = {
  GroupMembershipChanged(draft, event) {
    const tenantId = requireString(event.data.tenantId, 'tenantId', event);
    const group = draft.getGroup(tenantId, requireString(event.data.groupId, 'groupId', event));
    if (group)
      draft.putGroup(buildGroup({ ...group, attributes: group.resource }, event, group.created, group.streamRevision));
  },
};

function applyMembership(draft: ReadModelDraft, event: ProjectedEvent<MembershipEvent>, isMember: boolean): void {
  const tenantId = requireString(event.data.tenantId, 'tenantId', event);
  const groupId = requireString(event.data.groupId, 'groupId', event);
  const memberIds = requireStringArray(event.data.memberIds, 'memberIds', event);
  const displays = event.type === 'GroupMembersAdded' ? memberDisplays(event) : {};
  const group = draft.getGroup(tenantId, groupId);
  if (!group) return;
  const changed = memberIds.filter((userId) => !isMember || draft.hasUser(tenantId, userId));
  if (changed.length === 0) return;
  for (const userId of changed)
    draft.setMember(
      tenantId,
      groupId,
      userId,
      isMember,
      Object.hasOwn(displays, userId) ? displays[userId] : undefined,
    );
  // Members are part of the group resource: its lastModified and ETag move with them.
  draft.putGroup(buildGroup({ ...group, attributes: group.resource }, event, group.created, group.streamRevision));
}

/** GroupMembersAdded v2 `displays`: the member displays the client sent, by member id. */
function memberDisplays(
  event: ProjectedEvent<Extract<MembershipEvent, { type: 'GroupMembersAdded' }>>,
): Record<string, string> {
  const displays: unknown = event.data.displays;
  const valid =
    typeof displays === 'object' &&
    displays !== null &&
    !Array.isArray(displays) &&
    Object.values(displays).every((display) => typeof display === 'string');
  if (!valid)
    throw new ProjectionError('event.malformed', 'GroupMembersAdded.data.displays must be an object of strings');
  return displays as Record<string, string>;
}

/** The user ids a membership event refers to (the loader fetches them before folding). */
export function membershipUserIds(event: ProjectedEvent<MembershipEvent>): string[] {
  return Array.isArray(event.data.memberIds)
    ? event.data.memberIds.filter((id): id is string => typeof id === 'string')
    : [];
}
