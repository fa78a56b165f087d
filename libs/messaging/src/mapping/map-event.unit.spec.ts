import { ContractValidator } from '../contracts/contract-validator';
import { RecordedEventFactory } from '../testing/recorded-events';
import { mapEvent, requiredState, type RoutedMessage } from './map-event';
import { MembershipState } from './membership-state';

const validator = new ContractValidator();
const T = 'tenant-a';

function mapAll(events: ReturnType<RecordedEventFactory['event']>[], state = new MembershipState()): RoutedMessage[] {
  const out = events.flatMap((e) => mapEvent(e, state));
  for (const routed of out) expect(validator.problems(routed.message)).toEqual([]);
  return out;
}

const summary = (messages: RoutedMessage[]) =>
  messages.map(
    (m) =>
      `${m.topic} ${m.message.type} ${m.key}${'reason' in m.message.data ? ` ${String(m.message.data.reason)}` : ''}`,
  );

describe('mapEvent', () => {
  let f: RecordedEventFactory;
  beforeEach(() => (f = new RecordedEventFactory(T)));

  it('maps deactivation and reactivation to the lifecycle topic and the audit log, keyed by user', () => {
    const out = mapAll([
      f.event('UserDeactivated', { userId: 'u1', userName: 'ada' }),
      f.event('UserReactivated', { userId: 'u1', userName: 'ada' }),
    ]);
    expect(summary(out)).toEqual([
      'userLifecycle user.deactivated tenant-a:u1',
      'auditLog audit.change tenant-a:u1',
      'userLifecycle user.reactivated tenant-a:u1',
      'auditLog audit.change tenant-a:u1',
    ]);
    expect(out[1]!.message.data).toMatchObject({
      action: 'user.deactivated',
      changes: [{ path: 'active', before: true, after: false }],
    });
  });

  it(
    'maps an unassigned active (PATCH remove active) to an audit attribute change, and only the status events to ' +
      'the lifecycle topic',
    () => {
      const out = mapAll([
        f.event('UserActiveAttributeChanged', {
          userId: 'u1',
          userName: 'ada.lovelace@analytical.example',
          before: false,
          after: null,
        }),
        f.event('UserReactivated', { userId: 'u1', userName: 'ada.lovelace@analytical.example' }),
        f.event('UserActiveAttributeChanged', {
          userId: 'u1',
          userName: 'ada.lovelace@analytical.example',
          before: null,
          after: true,
        }),
      ]);
      expect(summary(out)).toEqual([
        'auditLog audit.change tenant-a:u1',
        'userLifecycle user.reactivated tenant-a:u1',
        'auditLog audit.change tenant-a:u1',
        'auditLog audit.change tenant-a:u1',
      ]);
      expect(out[0]!.message.data).toEqual({
        action: 'user.updated',
        resource: { type: 'User', id: 'u1' },
        changes: [{ path: 'active', before: false, after: null }],
        personalValuesOmitted: true,
      });
      expect(JSON.stringify(out)).not.toContain('lovelace');
      expect(out[3]!.message.data).toMatchObject({
        action: 'user.updated',
        changes: [{ path: 'active', before: null, after: true }],
      });
    },
  );

  it('carries the envelope from the event metadata', () => {
    const e = f.event('UserDeactivated', { userId: 'u1', userName: 'ada' });
    const [lifecycle] = mapAll([e]);
    expect(lifecycle!.message).toMatchObject({
      eventId: e.eventId,
      tenantId: T,
      occurredAt: e.metadata.occurredAt,
      actor: { kind: 'scim-key', keyId: 'key-1', idpProfile: 'okta' },
      requestId: e.metadata.requestId,
      correlationId: e.metadata.correlationId,
      position: e.globalPosition,
      subject: { type: 'user', id: 'u1' },
      version: 2,
      data: { userId: 'u1' },
    });
  });

  it(
    'gives the same messageId when the same event is mapped again (redelivery), distinct ones across a ' + 'fan-out',
    () => {
      const events = [
        f.event('GroupCreated', { groupId: 'g1', displayName: 'Admins', externalId: null, resource: {} }),
        f.event('GroupMembersAdded', { groupId: 'g1', memberIds: ['u1'] }),
        f.event('GroupMembersAdded', { groupId: 'g1', memberIds: ['u2'] }),
        f.event('GroupDeleted', { groupId: 'g1', displayName: 'Admins' }),
      ];
      const first = mapAll(events).map((m) => m.message.messageId);
      const second = mapAll(events).map((m) => m.message.messageId);
      expect(second).toEqual(first);
      expect(new Set(first).size).toBe(first.length);
    },
  );

  it('grants on member added and revokes on member removed, with the role name', () => {
    const out = mapAll([
      f.event('GroupCreated', { groupId: 'g1', displayName: 'Admins', externalId: null, resource: {} }),
      f.event('GroupMembersAdded', { groupId: 'g1', memberIds: ['u1'] }),
      f.event('GroupMembersRemoved', { groupId: 'g1', memberIds: ['u1'] }),
    ]);
    const roles = out.filter((m) => m.topic === 'roleChanges');
    expect(summary(roles)).toEqual([
      'roleChanges role.granted tenant-a:u1 member_added',
      'roleChanges role.revoked tenant-a:u1 member_removed',
    ]);
    expect(roles[0]!.message.data).toMatchObject({ userId: 'u1', roleId: 'g1', roleName: 'Admins' });
  });

  it('revokes the role from every member at that point when a group is deleted', () => {
    const state = new MembershipState({
      memberships: [{ tenantId: T, groupId: 'g1', userId: 'u0' }],
      roleNames: [{ tenantId: T, groupId: 'g1', displayName: 'Ops' }],
    });
    const out = mapAll(
      [
        f.event('GroupMembersAdded', { groupId: 'g1', memberIds: ['u1'] }),
        f.event('GroupMembersAdded', { groupId: 'g1', memberIds: ['u2'] }),
        f.event('GroupMembersRemoved', { groupId: 'g1', memberIds: ['u2'] }),
        f.event('GroupDeleted', { groupId: 'g1', displayName: 'Ops' }),
      ],
      state,
    );
    const revoked = out.filter((m) => m.message.type === 'role.revoked' && m.message.data.reason === 'role_deleted');
    expect(revoked.map((m) => m.key)).toEqual(['tenant-a:u0', 'tenant-a:u1']);
    expect(revoked.every((m) => (m.message.data as { roleName: string }).roleName === 'Ops')).toBe(true);
    expect(state.membersOf(T, 'g1')).toEqual([]);
    expect(out.at(-1)!.key).toBe('tenant-a:group:g1');
    expect(state.changes().removed).toHaveLength(3);
  });

  it('revokes every role the user held when the user is deleted, after user.deleted', () => {
    const state = new MembershipState({
      memberships: [
        { tenantId: T, groupId: 'g1', userId: 'u1' },
        { tenantId: T, groupId: 'g2', userId: 'u1' },
        { tenantId: T, groupId: 'g1', userId: 'u2' },
      ],
    });
    const out = mapAll([f.event('UserDeleted', { userId: 'u1', userName: 'ada' })], state);
    expect(summary(out)).toEqual([
      'userLifecycle user.deleted tenant-a:u1',
      'roleChanges role.revoked tenant-a:u1 user_deleted',
      'roleChanges role.revoked tenant-a:u1 user_deleted',
      'auditLog audit.change tenant-a:u1',
    ]);
    expect(state.groupsOf(T, 'u1')).toEqual([]);
    expect(state.membersOf(T, 'g1')).toEqual(['u2']);
  });

  it('publishes no role change when membership does not really change', () => {
    const state = new MembershipState({ memberships: [{ tenantId: T, groupId: 'g1', userId: 'u1' }] });
    const out = mapAll(
      [
        f.event('GroupMembersAdded', { groupId: 'g1', memberIds: ['u1'] }),
        f.event('GroupMembersRemoved', { groupId: 'g1', memberIds: ['u9'] }),
      ],
      state,
    );
    expect(out.filter((m) => m.topic === 'roleChanges')).toEqual([]);
    expect(out.filter((m) => m.topic === 'auditLog')).toHaveLength(2);
  });

  it("audits a person's changes by attribute name only: no personal value (nor a password) reaches Kafka", () => {
    const out = mapAll([
      f.event('UserProvisioned', {
        userId: 'u1',
        userName: 'ada@x.test',
        externalId: 'x1',
        active: true,
        resource: { userName: 'ada@x.test', password: 'hunter2', title: 'Eng', name: { givenName: 'Ada' } },
      }),
      f.event('UserUpdated', {
        userId: 'u1',
        userName: 'ada@x.test',
        resource: {},
        changes: [
          { path: 'title', before: 'Eng', after: 'CTO' },
          { path: 'password', before: null, after: 'secret' },
        ],
      }),
      f.event('UserDeleted', { userId: 'u1', userName: 'ada@x.test' }),
    ]);
    const text = JSON.stringify(out);
    for (const value of ['hunter2', 'secret', 'ada@x.test', 'Eng', 'CTO', 'Ada', 'x1'])
      expect(text).not.toContain(value);
    expect(out[0]!.message.data).toEqual({
      action: 'user.provisioned',
      resource: { type: 'User', id: 'u1' },
      changes: [{ path: 'active', before: null, after: true }],
      personalValuesOmitted: true,
    });
    expect(out[1]!.message.data).toEqual({
      action: 'user.updated',
      resource: { type: 'User', id: 'u1' },
      changes: [{ path: 'title' }],
      personalValuesOmitted: true,
      redactedPaths: ['password'],
    });
  });

  it(
    'maps an erasure to user.erased and its audit record; events read after the erasure give the very same ' +
      'messages',
    () => {
      const clear = [
        f.event('UserProvisioned', {
          userId: 'u1',
          userName: 'ada',
          externalId: null,
          active: true,
          resource: { userName: 'ada', title: 'Eng' },
        }),
        f.event('UserUpdated', {
          userId: 'u1',
          userName: 'ada',
          resource: {},
          changes: [{ path: 'title', before: 'Eng', after: 'CTO' }],
        }),
        f.event('UserDeleted', { userId: 'u1', userName: 'ada' }),
        f.event('UserErased', { userId: 'u1' }),
      ];
      const erasedView = clear.map((e) =>
        e.type === 'UserErased'
          ? e
          : {
              ...e,
              data: {
                ...e.data,
                userName: '',
                resource: {},
                erased: true,
                ...(e.type === 'UserUpdated' ? { changes: [{ path: 'title', before: null, after: null }] } : {}),
              },
            },
      );
      const out = mapAll(clear);
      expect(summary(out.slice(-3))).toEqual([
        'auditLog audit.change tenant-a:u1',
        'userLifecycle user.erased tenant-a:u1',
        'auditLog audit.change tenant-a:u1',
      ]);
      expect(out.at(-1)!.message.data).toMatchObject({
        action: 'user.erased',
        changes: [{ path: 'personalData', before: null, after: 'erased' }],
      });
      expect(mapAll(erasedView)).toEqual(out);
    },
  );

  it(
    "keeps the contract strict: a person's values in a v2 message fail it; v1 messages of older releases still " +
      'validate',
    () => {
      const [, audit] = mapAll(
        [
          f.event('UserUpdated', {
            userId: 'u1',
            userName: 'ada',
            resource: {},
            changes: [{ path: 'title', before: 'a', after: 'b' }],
          }),
        ].flatMap((e) => [e, e]),
      ).filter((m) => m.topic === 'auditLog');
      const leaking = {
        ...audit!.message,
        data: { ...audit!.message.data, changes: [{ path: 'title', before: 'a', after: 'b' }] },
      };
      expect(validator.problems(leaking)).not.toEqual([]);
      const [lifecycle] = mapAll([f.event('UserDeactivated', { userId: 'u1', userName: 'ada' })]);
      expect(validator.problems({ ...lifecycle!.message, data: { userId: 'u1', userName: 'ada' } })).not.toEqual([]);
      expect(
        validator.problems({ ...lifecycle!.message, version: 1, data: { userId: 'u1', userName: 'ada' } }),
      ).toEqual([]);
    },
  );

  it('audits tenant SCIM settings without the key hash', () => {
    const out = mapAll([
      f.event('TenantCreated', { name: 'Acme' }, 'tenant-a'),
      f.event('ScimEnabled', { idpProfile: 'entra' }),
      f.event('ScimApiKeyIssued', { keyId: 'k1', keyHash: 'sha256:deadbeef', createdAt: '2025-01-01T00:00:00.000Z' }),
      f.event('ScimApiKeyRevoked', { keyId: 'k1', reason: 'rotated', effectiveAt: '2025-01-02T00:00:00.000Z' }),
      f.event('BasicAuthToggled', { enabled: true }),
      f.event('ScimDisabled', {}),
    ]);
    expect(out.every((m) => m.topic === 'auditLog' && m.key === 'tenant-a:tenant')).toBe(true);
    expect(out.map((m) => (m.message.data as { action: string }).action)).toEqual([
      'tenant.created',
      'tenant.scim_enabled',
      'tenant.api_key_issued',
      'tenant.api_key_revoked',
      'tenant.basic_auth_toggled',
      'tenant.scim_disabled',
    ]);
    expect(JSON.stringify(out)).not.toContain('deadbeef');
  });

  it('audits group changes under the group key', () => {
    const out = mapAll([
      f.event('GroupCreated', {
        groupId: 'g1',
        displayName: 'Admins',
        externalId: 'e1',
        resource: { displayName: 'Admins' },
      }),
      f.event('GroupRenamed', { groupId: 'g1', previousDisplayName: 'Admins', displayName: 'Owners' }),
      f.event('GroupUpdated', {
        groupId: 'g1',
        resource: {},
        changes: [{ path: 'externalId', before: 'e1', after: 'e2' }],
      }),
    ]);
    expect(out.map((m) => m.key)).toEqual(['tenant-a:group:g1', 'tenant-a:group:g1', 'tenant-a:group:g1']);
    expect(out[2]!.message.data).toMatchObject({ resource: { displayName: 'Owners' } });
  });

  it('ignores userName reservations and unknown event types', () => {
    expect(
      mapAll([f.event('UserNameReserved', { userId: 'u1', userName: 'ada' }), f.event('SomethingElse', {})]),
    ).toEqual([]);
  });

  it('lists the state a batch needs', () => {
    const keys = requiredState([
      f.event('GroupDeleted', { groupId: 'g1', displayName: 'x' }),
      f.event('UserDeleted', { userId: 'u1', userName: 'a' }),
      f.event('GroupMembersAdded', { groupId: 'g2', memberIds: ['u2'] }),
    ]);
    expect(keys).toEqual({
      groups: [{ tenantId: T, groupId: 'g1' }],
      users: [{ tenantId: T, userId: 'u1' }],
      pairs: [{ tenantId: T, groupId: 'g2', userId: 'u2' }],
    });
  });
});
