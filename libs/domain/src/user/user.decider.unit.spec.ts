import type { UserEvent } from '../events/user-events';
import type { DomainErrorCode } from '../shared/errors';
import type { UserCommand } from './user.commands';
import { spec } from '../testing/given-when-then';
import { userDecider } from './user.decider';

const ids = { tenantId: 't1', userId: 'u1' };
const ada = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'ada@example.com',
  name: { givenName: 'Ada' },
  title: 'Dev',
};
const user = spec(userDecider);

const provisioned: UserEvent = {
  type: 'UserProvisioned',
  version: 1,
  data: { ...ids, userName: 'ada@example.com', externalId: null, active: true, resource: ada },
};
const deactivated: UserEvent = { type: 'UserDeactivated', version: 1, data: { ...ids, userName: 'ada@example.com' } };
const deleted: UserEvent = { type: 'UserDeleted', version: 1, data: { ...ids, userName: 'ada@example.com' } };
/** The histories of a user that exists, active or not. */
const existing: Array<[string, UserEvent[]]> = [
  ['active', [provisioned]],
  ['deactivated', [provisioned, deactivated]],
];
/** The histories of a user that does not exist (any more). */
const gone: Array<[string, UserEvent[]]> = [
  ['unknown', []],
  ['already deleted', [provisioned, deleted]],
];

describe('user decider', () => {
  describe('ProvisionUser', () => {
    it('provisions a new user, active by default, storing the resource without id, meta and active', () => {
      user
        .given([])
        .when({ type: 'ProvisionUser', ...ids, resource: { ...ada, id: 'u1', meta: { resourceType: 'User' } } })
        .then([provisioned]);
    });

    it('keeps active=false and externalId from the resource', () => {
      user
        .given([])
        .when({ type: 'ProvisionUser', ...ids, resource: { ...ada, active: false, externalId: 'ext-1' } })
        .then([
          {
            type: 'UserProvisioned',
            version: 1,
            data: {
              ...ids,
              userName: 'ada@example.com',
              externalId: 'ext-1',
              active: false,
              resource: { ...ada, externalId: 'ext-1' },
            },
          },
        ]);
    });

    it('rejects an id that exists already', () => {
      user
        .given([provisioned])
        .when({ type: 'ProvisionUser', ...ids, resource: ada })
        .thenFails('conflict');
    });

    it('rejects a missing or empty userName', () => {
      user
        .given([])
        .when({ type: 'ProvisionUser', ...ids, resource: { ...ada, userName: ' ' } })
        .thenFails('invalid_value', /userName/);
      const { userName: _n, ...noName } = ada;
      user
        .given([])
        .when({ type: 'ProvisionUser', ...ids, resource: noName })
        .thenFails('invalid_value', /userName/);
    });

    it('rejects a non-boolean active (the gateway turns Entra "False" into false before)', () => {
      user
        .given([])
        .when({ type: 'ProvisionUser', ...ids, resource: { ...ada, active: 'False' } })
        .thenFails('invalid_value', /active/);
    });

    it('rejects a non-string externalId', () => {
      user
        .given([])
        .when({ type: 'ProvisionUser', ...ids, resource: { ...ada, externalId: 5 } })
        .thenFails('invalid_value', /externalId/);
    });

    it('rejects an id other than the resource id', () => {
      user
        .given([])
        .when({ type: 'ProvisionUser', ...ids, resource: { ...ada, id: 'other' } })
        .thenFails('mutability');
    });
  });

  describe('UpdateUser', () => {
    it('emits nothing when nothing changed (a PUT of the same resource)', () => {
      user
        .given([provisioned])
        .when({ type: 'UpdateUser', ...ids, resource: { ...ada, active: true, id: 'u1', meta: { version: 'W/"0"' } } })
        .then([]);
    });

    it('emits UserUpdated with the delta and the new resource', () => {
      const next = { ...ada, title: 'Lead', name: { givenName: 'Ada', familyName: 'Lovelace' } };
      user
        .given([provisioned])
        .when({ type: 'UpdateUser', ...ids, resource: next })
        .then([
          {
            type: 'UserUpdated',
            version: 1,
            data: {
              ...ids,
              userName: 'ada@example.com',
              changes: [
                { path: 'name.familyName', before: null, after: 'Lovelace' },
                { path: 'title', before: 'Dev', after: 'Lead' },
              ],
              resource: next,
            },
          },
        ]);
    });

    it('treats active=false as a deactivation, not as a delta entry', () => {
      user
        .given([provisioned])
        .when({ type: 'UpdateUser', ...ids, resource: { ...ada, active: false } })
        .then([deactivated]);
    });

    it('treats active=true on an inactive user as a reactivation', () => {
      user
        .given([provisioned, deactivated])
        .when({ type: 'UpdateUser', ...ids, resource: { ...ada, active: true } })
        .then([{ type: 'UserReactivated', version: 1, data: { ...ids, userName: 'ada@example.com' } }]);
    });

    it('emits nothing for active=false on an inactive user, or an omitted active', () => {
      user
        .given([provisioned, deactivated])
        .when({ type: 'UpdateUser', ...ids, resource: { ...ada, active: false } })
        .then([]);
      user
        .given([provisioned, deactivated])
        .when({ type: 'UpdateUser', ...ids, resource: ada })
        .then([]);
    });

    it('emits the attribute change first, then the status change', () => {
      const renamed = { ...ada, userName: 'ada.l@example.com' };
      user
        .given([provisioned])
        .when({ type: 'UpdateUser', ...ids, resource: { ...renamed, active: false } })
        .then([
          {
            type: 'UserUpdated',
            version: 1,
            data: {
              ...ids,
              userName: 'ada.l@example.com',
              changes: [{ path: 'userName', before: 'ada@example.com', after: 'ada.l@example.com' }],
              resource: renamed,
            },
          },
          { type: 'UserDeactivated', version: 1, data: { ...ids, userName: 'ada.l@example.com' } },
        ]);
    });

    it('rejects an unknown or deleted user', () => {
      user
        .given([])
        .when({ type: 'UpdateUser', ...ids, resource: ada })
        .thenFails('not_found');
      user
        .given([provisioned, deleted])
        .when({ type: 'UpdateUser', ...ids, resource: ada })
        .thenFails('not_found');
    });

    it('rejects removing the userName and changing the id', () => {
      user
        .given([provisioned])
        .when({ type: 'UpdateUser', ...ids, resource: { ...ada, userName: '' } })
        .thenFails('invalid_value');
      user
        .given([provisioned])
        .when({ type: 'UpdateUser', ...ids, resource: { ...ada, id: 'u2' } })
        .thenFails('mutability');
    });

    it('rejects a non-boolean active and a non-string externalId', () => {
      user
        .given([provisioned])
        .when({ type: 'UpdateUser', ...ids, resource: { ...ada, active: 1 } })
        .thenFails('invalid_value');
      user
        .given([provisioned])
        .when({ type: 'UpdateUser', ...ids, resource: { ...ada, externalId: {} } })
        .thenFails('invalid_value');
    });
  });

  describe('DeleteUser', () => {
    it.each(existing)('deletes an existing %s user', (_, history) => {
      user
        .given(history)
        .when({ type: 'DeleteUser', ...ids })
        .then([deleted]);
    });

    it.each(gone)('rejects an %s user', (_, history) => {
      user
        .given(history)
        .when({ type: 'DeleteUser', ...ids })
        .thenFails('not_found');
    });
  });
  describe('EraseUser', () => {
    const erased: UserEvent = { type: 'UserErased', version: 1, data: ids };

    it.each(existing)('deletes an existing %s user first (its access ends), then marks it erased', (_, history) => {
      user
        .given(history)
        .when({ type: 'EraseUser', ...ids })
        .then([deleted, erased]);
    });

    it('erases a deleted user without deleting it again', () => {
      user
        .given([provisioned, deleted])
        .when({ type: 'EraseUser', ...ids })
        .then([erased]);
    });

    it('changes nothing for a user erased already', () => {
      user
        .given([provisioned, deleted, erased])
        .when({ type: 'EraseUser', ...ids })
        .then([]);
    });

    it('rejects an unknown user', () => {
      user
        .given([])
        .when({ type: 'EraseUser', ...ids })
        .thenFails('not_found');
    });

    it.each<{ command: UserCommand; code: DomainErrorCode }>([
      { command: { type: 'UpdateUser', ...ids, resource: ada }, code: 'not_found' },
      { command: { type: 'DeleteUser', ...ids }, code: 'not_found' },
      { command: { type: 'ProvisionUser', ...ids, resource: ada }, code: 'conflict' },
    ])('leaves an erased user gone: $command.type fails with $code', ({ command, code }) => {
      user.given([provisioned, deleted, erased]).when(command).thenFails(code);
    });

    it('folds events read after erasure (personal attributes empty) without failing', () => {
      const readAfterErasure: UserEvent[] = [
        {
          type: 'UserProvisioned',
          version: 1,
          data: { ...ids, userName: '', externalId: null, active: true, resource: {}, erased: true },
        },
        { type: 'UserDeleted', version: 1, data: { ...ids, userName: '', erased: true } },
        erased,
      ];
      user
        .given(readAfterErasure)
        .when({ type: 'EraseUser', ...ids })
        .then([]);
    });
  });
});
