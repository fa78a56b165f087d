import type { UserEvent } from '../events/user-events';
import { fold } from '../shared/decider';
import { spec } from '../testing/given-when-then';
import { ACTIVE_WITHOUT_VALUE } from './user.decide';
import { userDecider } from './user.decider';

/**
 * Issue 15, item 2: `active` can be unassigned (a PATCH `remove active`, RFC 7644 §3.5.2.2), which
 * grants access like a user provisioned without `active`. Every (state, requested active) pair.
 */
const ids = { tenantId: 't1', userId: 'u1' };
const userName = 'ada@example.com';
const ada = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName };
const user = spec(userDecider);

const provisioned = (active: boolean): UserEvent => ({
  type: 'UserProvisioned',
  version: 1,
  data: { ...ids, userName, externalId: null, active, resource: ada },
});
const deactivated: UserEvent = { type: 'UserDeactivated', version: 1, data: { ...ids, userName } };
const reactivated: UserEvent = { type: 'UserReactivated', version: 1, data: { ...ids, userName } };
const attribute = (before: boolean | null, after: boolean | null): UserEvent => ({
  type: 'UserActiveAttributeChanged',
  version: 1,
  data: { ...ids, userName, before, after },
});

/** The three states `active` can be in, as event histories. */
const STATES: Record<string, UserEvent[]> = {
  'active true': [provisioned(true)],
  'active false': [provisioned(false)],
  'active unassigned (was true)': [provisioned(true), attribute(true, null)],
  'active unassigned (was false)': [provisioned(false), attribute(false, null), reactivated],
};

const update = (active: boolean | null | undefined) => ({
  type: 'UpdateUser' as const,
  ...ids,
  resource: active === undefined ? ada : { ...ada, active },
});

describe('user decider: the active attribute and the access it grants', () => {
  it('an unassigned active grants access, the same rule as a create without active', () => {
    expect(ACTIVE_WITHOUT_VALUE).toBe(true);
    user
      .given([])
      .when({ type: 'ProvisionUser', ...ids, resource: ada })
      .then([provisioned(true)]);
    user
      .given([])
      .when({ type: 'ProvisionUser', ...ids, resource: { ...ada, active: null } })
      .then([provisioned(true)]);
  });

  it.each([
    // state, requested, events
    ['active true', null, [attribute(true, null)]],
    ['active false', null, [attribute(false, null), reactivated]],
    ['active unassigned (was true)', null, []],
    ['active unassigned (was false)', null, []],
    ['active unassigned (was true)', true, [attribute(null, true)]],
    ['active unassigned (was true)', false, [attribute(null, false), deactivated]],
    ['active unassigned (was false)', true, [attribute(null, true)]],
    ['active unassigned (was false)', false, [attribute(null, false), deactivated]],
    ['active true', true, []],
    ['active true', false, [deactivated]],
    ['active false', true, [reactivated]],
    ['active false', false, []],
    ['active true', undefined, []],
    ['active false', undefined, []],
    ['active unassigned (was true)', undefined, []],
  ] as Array<[string, boolean | null | undefined, UserEvent[]]>)(
    'given %s, when active is %p: %j',
    (state, requested, events) => {
      user.given(STATES[state]).when(update(requested)).then(events);
    },
  );

  it('records an attribute change first, then the unassignment, then the change of access', () => {
    const renamed = { ...ada, title: 'Lead' };
    user
      .given([provisioned(false)])
      .when({ type: 'UpdateUser', ...ids, resource: { ...renamed, active: null } })
      .then([
        {
          type: 'UserUpdated',
          version: 1,
          data: { ...ids, userName, changes: [{ path: 'title', before: null, after: 'Lead' }], resource: renamed },
        },
        attribute(false, null),
        reactivated,
      ]);
  });

  it(
    'evolve: the attribute and access are folded apart, ' + 'and only UserActiveAttributeChanged moves the attribute',
    () => {
      const state = (events: UserEvent[]) => fold(userDecider, events);
      expect(state([provisioned(true)])).toMatchObject({ active: true, activeAssigned: true });
      expect(state(STATES['active unassigned (was true)'])).toMatchObject({ active: true, activeAssigned: false });
      expect(state(STATES['active unassigned (was false)'])).toMatchObject({ active: true, activeAssigned: false });
      expect(state([...STATES['active unassigned (was true)'], attribute(null, false), deactivated])).toMatchObject({
        active: false,
        activeAssigned: true,
      });
      expect(state([...STATES['active unassigned (was true)'], attribute(null, true)])).toMatchObject({
        active: true,
        activeAssigned: true,
      });
    },
  );

  it('a deleted user is not found, whatever active says', () => {
    user
      .given([provisioned(true), { type: 'UserDeleted', version: 1, data: { ...ids, userName } }])
      .when(update(null))
      .thenFails('not_found');
  });
});
