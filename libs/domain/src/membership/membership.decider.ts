import type { MembershipEvent } from '../events/membership-events';
import { MembershipEventVersions as V } from '../events/membership-events';
import { existingGroup } from '../group/group.decide';
import type { GroupState } from '../group/group.state';
import type { Decider } from '../shared/decider';
import { DomainError } from '../shared/errors';
import type { UserState } from '../user/user.state';

/**
 * One (group, user) membership: its own stream, so adding or removing one member of a huge group
 * reads and writes only that member's few events, never the member list.
 */
export interface MembershipState {
  isMember: boolean;
}

export type MembershipCommand = AddGroupMember | RemoveGroupMember;

/**
 * The decision also needs the group (it must exist) and, for an add, the user (it must exist in
 * the tenant and not be deleted). The handler reads those streams and passes their states in.
 */
export interface AddGroupMember {
  type: 'AddGroupMember';
  tenantId: string;
  groupId: string;
  userId: string;
  /** The member's `display` as the client sent it with the add, if it did. */
  display?: string;
  group: GroupState;
  user: UserState;
}

export interface RemoveGroupMember {
  type: 'RemoveGroupMember';
  tenantId: string;
  groupId: string;
  userId: string;
  group: GroupState;
}

export const initialMembershipState: MembershipState = { isMember: false };

export function evolveMembership(state: MembershipState, event: MembershipEvent): MembershipState {
  switch (event.type) {
    case 'GroupMembersAdded':
      return { isMember: true };
    case 'GroupMembersRemoved':
      return { isMember: false };
  }
}

/** Adding a member twice or removing a non-member changes nothing (SCIM PATCH is idempotent here). */
export function decideMembership(command: MembershipCommand, state: MembershipState): MembershipEvent[] {
  const { tenantId, groupId, userId } = command;
  existingGroup(
    command.group,
    groupId,
    command.type === 'AddGroupMember' ? 'membership.add.group_not_found' : 'membership.remove.group_not_found',
  );
  switch (command.type) {
    case 'AddGroupMember':
      if (command.user.status !== 'provisioned') {
        throw new DomainError(
          'invalid_value',
          `member ${userId} is not a user of this tenant`,
          'membership.add.no_such_user',
        );
      }
      // An add of a member changes nothing, its display included (member sub-attributes are immutable).
      if (state.isMember) return [];
      return [
        {
          type: 'GroupMembersAdded',
          version: V.GroupMembersAdded,
          data: { tenantId, groupId, memberIds: [userId], displays: displaysOf(userId, command.display) },
        },
      ];
    case 'RemoveGroupMember':
      return state.isMember
        ? [
            {
              type: 'GroupMembersRemoved',
              version: V.GroupMembersRemoved,
              data: { tenantId, groupId, memberIds: [userId] },
            },
          ]
        : [];
  }
}

function displaysOf(userId: string, display: string | undefined): Record<string, string> {
  return display === undefined || display === '' ? {} : Object.fromEntries([[userId, display]]);
}

export const membershipDecider: Decider<MembershipCommand, MembershipState, MembershipEvent> = {
  initialState: initialMembershipState,
  decide: decideMembership,
  evolve: evolveMembership,
};
