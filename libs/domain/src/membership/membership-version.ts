import type { GroupMembershipChanged } from '../events/group-membership-events';
import { GroupMembershipEventVersions as V } from '../events/group-membership-events';
import type { MembershipEvent } from '../events/membership-events';

/**
 * The marker that advances a group's membership version: one per command that changed at least
 * one membership, none otherwise (see group-membership-events.ts).
 */
export function decideMembershipVersion(
  tenantId: string,
  groupId: string,
  changes: readonly MembershipEvent[],
): GroupMembershipChanged[] {
  if (changes.length === 0) return [];
  const added = changes.filter((event) => event.type === 'GroupMembersAdded').length;
  return [
    {
      type: 'GroupMembershipChanged',
      version: V.GroupMembershipChanged,
      data: { tenantId, groupId, added, removed: changes.length - added },
    },
  ];
}
