import type { MembershipEvent } from '../events/membership-events';
import type { GroupState } from '../group/group.state';
import { spec } from '../testing/given-when-then';
import type { UserState } from '../user/user.state';
import { membershipDecider } from './membership.decider';

const ids = { tenantId: 't1', groupId: 'g1', userId: 'u1' };
const group: GroupState = {
  status: 'created',
  groupId: 'g1',
  displayName: 'Admins',
  resource: { displayName: 'Admins' },
};
const user = {
  status: 'provisioned',
  userId: 'u1',
  userName: 'ada',
  active: true,
  activeAssigned: true,
  resource: { userName: 'ada' },
} satisfies UserState;
const membership = spec(membershipDecider);
const added: MembershipEvent = {
  type: 'GroupMembersAdded',
  version: 2,
  data: { tenantId: 't1', groupId: 'g1', memberIds: ['u1'], displays: {} },
};
const removed: MembershipEvent = {
  type: 'GroupMembersRemoved',
  version: 1,
  data: { tenantId: 't1', groupId: 'g1', memberIds: ['u1'] },
};

describe('membership decider', () => {
  it('adds a user to a group', () => {
    membership
      .given([])
      .when({ type: 'AddGroupMember', ...ids, group, user })
      .then([added]);
    membership
      .given([added, removed])
      .when({ type: 'AddGroupMember', ...ids, group, user })
      .then([added]);
  });

  it('adds an inactive user too (membership is not status)', () => {
    membership
      .given([])
      .when({ type: 'AddGroupMember', ...ids, group, user: { ...user, active: false } })
      .then([added]);
  });

  it('changes nothing when adding a member again or removing a non-member', () => {
    membership
      .given([added])
      .when({ type: 'AddGroupMember', ...ids, group, user })
      .then([]);
    membership
      .given([])
      .when({ type: 'RemoveGroupMember', ...ids, group })
      .then([]);
  });

  it('keeps the display the client sent with the add (issue 15, item 3); an empty one is no display', () => {
    membership
      .given([])
      .when({ type: 'AddGroupMember', ...ids, display: 'Ada L.', group, user })
      .then([
        {
          type: 'GroupMembersAdded',
          version: 2,
          data: { tenantId: 't1', groupId: 'g1', memberIds: ['u1'], displays: { u1: 'Ada L.' } },
        },
      ]);
    membership
      .given([])
      .when({ type: 'AddGroupMember', ...ids, display: '', group, user })
      .then([added]);
  });

  it('never changes the display of a member already there (member sub-attributes are immutable)', () => {
    membership
      .given([added])
      .when({ type: 'AddGroupMember', ...ids, display: 'Other', group, user })
      .then([]);
  });

  it('removes a member', () => {
    membership
      .given([added])
      .when({ type: 'RemoveGroupMember', ...ids, group })
      .then([removed]);
  });

  it('rejects a member that is not a user of the tenant, or was deleted', () => {
    membership
      .given([])
      .when({ type: 'AddGroupMember', ...ids, group, user: { status: 'absent' } })
      .thenFails('invalid_value');
    membership
      .given([])
      .when({ type: 'AddGroupMember', ...ids, group, user: { status: 'deleted', userId: 'u1', userName: 'ada' } })
      .thenFails('invalid_value');
  });

  it('rejects changes to an unknown or deleted group', () => {
    const gone: GroupState = { status: 'deleted', groupId: 'g1', displayName: 'Admins' };
    membership
      .given([])
      .when({ type: 'AddGroupMember', ...ids, group: { status: 'absent' }, user })
      .thenFails('not_found');
    membership
      .given([added])
      .when({ type: 'RemoveGroupMember', ...ids, group: gone })
      .thenFails('not_found');
  });
});
