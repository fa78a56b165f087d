import type { UserNameEvent } from '../events/user-name-events';
import { spec } from '../testing/given-when-then';
import { userNameDecider } from './user-name.decider';

const reservation = spec(userNameDecider);
const reservedBy = (userId: string, userName = 'Ada@x.com'): UserNameEvent => ({
  type: 'UserNameReserved',
  version: 1,
  data: { tenantId: 't1', userId, userName },
});
const reserve = (userId: string, userName = 'Ada@x.com', holderIsStale = false) =>
  ({ type: 'ReserveUserName', tenantId: 't1', userId, userName, holderIsStale }) as const;

describe('userName reservation decider', () => {
  it('reserves a free name', () => {
    reservation
      .given([])
      .when(reserve('u1'))
      .then([reservedBy('u1')]);
  });

  it('reserves a name released before', () => {
    reservation
      .given([
        reservedBy('u1'),
        {
          type: 'UserNameReleased',
          version: 1,
          data: { tenantId: 't1', userId: 'u1', userName: 'Ada@x.com', reason: 'deleted' },
        },
      ])
      .when(reserve('u2'))
      .then([reservedBy('u2')]);
  });

  it('rejects a name held by another user with uniqueness', () => {
    reservation
      .given([reservedBy('u1')])
      .when(reserve('u2', 'ADA@X.COM'))
      .thenFails('uniqueness');
  });

  it('takes over a stale reservation, recording the release', () => {
    reservation
      .given([reservedBy('u1')])
      .when(reserve('u2', 'ada@x.com', true))
      .then([
        {
          type: 'UserNameReleased',
          version: 1,
          data: { tenantId: 't1', userId: 'u1', userName: 'Ada@x.com', reason: 'stale' },
        },
        reservedBy('u2', 'ada@x.com'),
      ]);
  });

  it('is a no-op for the holder reserving the same spelling, and records a case-only rename', () => {
    reservation
      .given([reservedBy('u1')])
      .when(reserve('u1'))
      .then([]);
    reservation
      .given([reservedBy('u1')])
      .when(reserve('u1', 'ADA@x.com'))
      .then([reservedBy('u1', 'ADA@x.com')]);
  });

  it('releases only for the holder', () => {
    const release = (userId: string) =>
      ({ type: 'ReleaseUserName', tenantId: 't1', userId, userName: 'ada@x.com', reason: 'renamed' }) as const;
    reservation
      .given([reservedBy('u1')])
      .when(release('u1'))
      .then([
        {
          type: 'UserNameReleased',
          version: 1,
          data: { tenantId: 't1', userId: 'u1', userName: 'Ada@x.com', reason: 'renamed' },
        },
      ]);
    reservation
      .given([reservedBy('u2')])
      .when(release('u1'))
      .then([]);
    reservation.given([]).when(release('u1')).then([]);
  });
});
