import type { GroupEvent } from '../events/group-events';
import type { DomainErrorCode } from '../shared/errors';
import type { JsonObject } from '../shared/json';
import { spec } from '../testing/given-when-then';
import { groupDecider } from './group.decider';

const ids = { tenantId: 't1', groupId: 'g1' };
const admins = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Admins' };
const group = spec(groupDecider);
const created: GroupEvent = {
  type: 'GroupCreated',
  version: 1,
  data: { ...ids, displayName: 'Admins', externalId: null, resource: admins },
};
const deleted: GroupEvent = { type: 'GroupDeleted', version: 1, data: { ...ids, displayName: 'Admins' } };

describe('group decider', () => {
  describe('CreateGroup', () => {
    it('creates a group, storing the resource without id, meta and members', () => {
      group
        .given([])
        .when({ type: 'CreateGroup', ...ids, resource: { ...admins, id: 'g1', members: [], meta: {} } })
        .then([created]);
    });

    it('keeps the externalId', () => {
      group
        .given([])
        .when({ type: 'CreateGroup', ...ids, resource: { ...admins, externalId: 'e' } })
        .then([
          {
            type: 'GroupCreated',
            version: 1,
            data: { ...ids, displayName: 'Admins', externalId: 'e', resource: { ...admins, externalId: 'e' } },
          },
        ]);
    });

    it('rejects an existing id, a missing displayName and a foreign id', () => {
      group
        .given([created])
        .when({ type: 'CreateGroup', ...ids, resource: admins })
        .thenFails('conflict');
      group
        .given([])
        .when({ type: 'CreateGroup', ...ids, resource: { schemas: admins.schemas } })
        .thenFails('invalid_value', /displayName/);
      group
        .given([])
        .when({ type: 'CreateGroup', ...ids, resource: { ...admins, id: 'g2' } })
        .thenFails('mutability');
    });
  });

  describe('UpdateGroup', () => {
    it('emits nothing when nothing but members was sent unchanged', () => {
      group
        .given([created])
        .when({ type: 'UpdateGroup', ...ids, resource: { ...admins, members: [{ value: 'u1' }] } })
        .then([]);
    });

    it('emits GroupRenamed for a new displayName', () => {
      group
        .given([created])
        .when({ type: 'UpdateGroup', ...ids, resource: { ...admins, displayName: 'Owners' } })
        .then([
          { type: 'GroupRenamed', version: 1, data: { ...ids, previousDisplayName: 'Admins', displayName: 'Owners' } },
        ]);
    });

    it('emits GroupUpdated for other attributes, after GroupRenamed when both change', () => {
      const next = { ...admins, displayName: 'Owners', externalId: 'e2' };
      group
        .given([created])
        .when({ type: 'UpdateGroup', ...ids, resource: next })
        .then([
          { type: 'GroupRenamed', version: 1, data: { ...ids, previousDisplayName: 'Admins', displayName: 'Owners' } },
          {
            type: 'GroupUpdated',
            version: 1,
            data: { ...ids, changes: [{ path: 'externalId', before: null, after: 'e2' }], resource: next },
          },
        ]);
    });

    it('sees a rename as the current name afterwards (evolve applies it to the resource)', () => {
      group
        .given([
          created,
          { type: 'GroupRenamed', version: 1, data: { ...ids, previousDisplayName: 'Admins', displayName: 'Owners' } },
        ])
        .when({ type: 'UpdateGroup', ...ids, resource: { ...admins, displayName: 'Owners' } })
        .then([]);
    });

    it.each<{ group: string; history: GroupEvent[]; resource: JsonObject; code: DomainErrorCode }>([
      { group: 'an unknown group', history: [], resource: admins, code: 'not_found' },
      { group: 'a deleted group', history: [created, deleted], resource: admins, code: 'not_found' },
      { group: 'a missing displayName', history: [created], resource: { displayName: null }, code: 'invalid_value' },
      {
        group: 'a non-string externalId',
        history: [created],
        resource: { ...admins, externalId: 3 },
        code: 'invalid_value',
      },
    ])('rejects $group with $code', ({ history, resource, code }) => {
      group
        .given(history)
        .when({ type: 'UpdateGroup', ...ids, resource })
        .thenFails(code);
    });
  });

  describe('DeleteGroup', () => {
    it('deletes an existing group', () => {
      group
        .given([created])
        .when({ type: 'DeleteGroup', ...ids })
        .then([deleted]);
    });

    it.each<[string, GroupEvent[]]>([
      ['an unknown', []],
      ['a deleted', [created, deleted]],
    ])('rejects %s group', (_, history) => {
      group
        .given(history)
        .when({ type: 'DeleteGroup', ...ids })
        .thenFails('not_found');
    });
  });
});
