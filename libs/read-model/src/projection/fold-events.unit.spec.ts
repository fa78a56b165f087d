import { ReadModelDraft } from './draft';
import { foldEvents } from './fold-events';
import { recorded } from '../testing/recorded-event';

const provisioned = (userId: string, userName: string) =>
  recorded('UserProvisioned', {
    tenantId: 't',
    userId,
    userName,
    externalId: null,
    active: true,
    resource: { userName, displayName: 'D' },
  });

describe('projection reducers, without a database', () => {
  it('given UserProvisioned then UserDeactivated, the draft holds the inactive user with the served resource', () => {
    const draft = new ReadModelDraft();
    const outcome = foldEvents(draft, [
      provisioned('u1', 'alice'),
      recorded('UserDeactivated', { tenantId: 't', userId: 'u1', userName: 'alice' }, 1),
    ]);
    expect(outcome.failure).toBeUndefined();
    const user = draft.getUser('t', 'u1')!;
    expect(user).toMatchObject({
      userName: 'alice',
      displayName: 'D',
      active: false,
      version: 'W/"1"',
      streamRevision: 1,
    });
    expect(user.resource).toMatchObject({ id: 'u1', active: false, meta: { resourceType: 'User', version: 'W/"1"' } });
    expect(user.created).not.toBe(user.lastModified);
  });

  it('an erased person leaves no row: UserErased removes it, and events read after the erasure add none', () => {
    const live = new ReadModelDraft();
    expect(
      foldEvents(live, [
        provisioned('ue', 'erin'),
        recorded('UserDeleted', { tenantId: 't', userId: 'ue', userName: 'erin' }, 1),
        recorded('UserErased', { tenantId: 't', userId: 'ue' }, 2),
      ]).failure,
    ).toBeUndefined();
    expect(live.getUser('t', 'ue')).toBeUndefined();

    const rebuilt = new ReadModelDraft();
    const readAfterErasure = [
      recorded('UserProvisioned', {
        tenantId: 't',
        userId: 'uf',
        userName: '',
        externalId: null,
        active: true,
        resource: {},
        erased: true,
      }),
      recorded(
        'UserUpdated',
        {
          tenantId: 't',
          userId: 'uf',
          userName: '',
          changes: [{ path: 'title', before: null, after: null }],
          resource: {},
          erased: true,
        },
        1,
      ),
      recorded('UserDeleted', { tenantId: 't', userId: 'uf', userName: '', erased: true }, 2),
      recorded('UserErased', { tenantId: 't', userId: 'uf' }, 3),
    ];
    expect(foldEvents(rebuilt, readAfterErasure).failure).toBeUndefined();
    expect(rebuilt.getUser('t', 'uf')).toBeUndefined();
  });

  it('a lagging projector that meets an event read as erased removes the person it still holds', () => {
    const draft = new ReadModelDraft();
    foldEvents(draft, [provisioned('ug', 'gus')]);
    expect(draft.getUser('t', 'ug')).toBeDefined();
    expect(
      foldEvents(draft, [recorded('UserDeactivated', { tenantId: 't', userId: 'ug', userName: '', erased: true }, 1)])
        .failure,
    ).toBeUndefined();
    expect(draft.getUser('t', 'ug')).toBeUndefined();
  });

  it(
    'an unassigned active is absent from the served resource, with a new version and lastModified; access stays in ' +
      'the column',
    () => {
      const draft = new ReadModelDraft();
      const events = [
        provisioned('u9', 'ivy'),
        recorded('UserDeactivated', { tenantId: 't', userId: 'u9', userName: 'ivy' }, 1),
        recorded(
          'UserActiveAttributeChanged',
          { tenantId: 't', userId: 'u9', userName: 'ivy', before: false, after: null },
          2,
        ),
        recorded('UserReactivated', { tenantId: 't', userId: 'u9', userName: 'ivy' }, 3),
        recorded(
          'UserUpdated',
          { tenantId: 't', userId: 'u9', userName: 'ivy', changes: [], resource: { userName: 'ivy', title: 'T' } },
          4,
        ),
      ];
      expect(foldEvents(draft, events).failure).toBeUndefined();
      const user = draft.getUser('t', 'u9')!;
      expect(user).toMatchObject({ active: true, version: 'W/"4"', lastModified: events[4]!.metadata.occurredAt });
      expect(user.resource).not.toHaveProperty('active');
      expect(user.resource).toMatchObject({ title: 'T', meta: { version: 'W/"4"' } });
      foldEvents(draft, [
        recorded(
          'UserActiveAttributeChanged',
          { tenantId: 't', userId: 'u9', userName: 'ivy', before: null, after: true },
          5,
        ),
      ]);
      expect(draft.getUser('t', 'u9')!.resource).toMatchObject({ active: true, meta: { version: 'W/"5"' } });
    },
  );

  it('a malformed UserActiveAttributeChanged is a failure, not a silent change', () => {
    const draft = new ReadModelDraft();
    const outcome = foldEvents(draft, [
      provisioned('u8', 'hal'),
      recorded(
        'UserActiveAttributeChanged',
        { tenantId: 't', userId: 'u8', userName: 'hal', before: true, after: 'no' },
        1,
      ),
    ]);
    expect(outcome.failure?.reason).toContain('UserActiveAttributeChanged.data.after');
  });

  it('a member keeps the display the client sent with the add (GroupMembersAdded v2); a v1 add has none', () => {
    const draft = new ReadModelDraft();
    const v2 = (data: Record<string, unknown>) => ({
      ...recorded('GroupMembersAdded', data),
      metadata: { ...recorded('x', {}).metadata, schemaVersion: 2 },
    });
    const outcome = foldEvents(draft, [
      provisioned('m1', 'meg'),
      provisioned('m2', 'max'),
      recorded('GroupCreated', { tenantId: 't', groupId: 'gd', displayName: 'G', externalId: null, resource: {} }),
      v2({ tenantId: 't', groupId: 'gd', memberIds: ['m1'], displays: { m1: 'Meg from the IdP' } }),
      recorded('GroupMembersAdded', { tenantId: 't', groupId: 'gd', memberIds: ['m2'] }),
    ]);
    expect(outcome.failure).toBeUndefined();
    expect([...draft.memberDisplays]).toEqual([['t\u0000gd\u0000m1', 'Meg from the IdP']]);
    foldEvents(draft, [recorded('GroupMembersRemoved', { tenantId: 't', groupId: 'gd', memberIds: ['m1'] })]);
    expect(draft.memberDisplays.size).toBe(0);
    const malformed = foldEvents(draft, [v2({ tenantId: 't', groupId: 'gd', memberIds: ['m1'], displays: { m1: 7 } })]);
    expect(malformed.failure?.reason).toContain('GroupMembersAdded.data.displays');
  });

  it('events of other projections only advance the position', () => {
    const draft = new ReadModelDraft();
    const event = recorded('ScimEnabled', { tenantId: 't', idpProfile: 'okta' });
    expect(foldEvents(draft, [event])).toEqual({ appliedThrough: event.globalPosition });
  });

  it('stops at an event it cannot apply, with the event id, keeping what came before', () => {
    const draft = new ReadModelDraft();
    const ok = provisioned('u2', 'bob');
    const bad = recorded('UserUpdated', { tenantId: 't', userId: 'ghost', userName: 'x', changes: [], resource: {} });
    const after = provisioned('u3', 'carol');
    const outcome = foldEvents(draft, [ok, bad, after]);
    expect(outcome.appliedThrough).toBe(ok.globalPosition);
    expect(outcome.failure).toMatchObject({
      eventId: bad.eventId,
      type: 'UserUpdated',
      reason: expect.stringContaining('user.not_found'),
    });
    expect(draft.getUser('t', 'u2')).toBeDefined();
    expect(draft.getUser('t', 'u3')).toBeUndefined();
  });

  it('malformed data is a failure naming the field', () => {
    const outcome = foldEvents(new ReadModelDraft(), [
      recorded('GroupCreated', { tenantId: 't', groupId: 'g', resource: {} }),
    ]);
    expect(outcome.failure?.reason).toContain('GroupCreated.data.displayName');
  });

  it('memberships: added for live users only; a deleted user or group takes its memberships along', () => {
    const draft = new ReadModelDraft();
    const events = [
      provisioned('u1', 'a'),
      provisioned('u2', 'b'),
      recorded('GroupCreated', { tenantId: 't', groupId: 'g', displayName: 'G', externalId: null, resource: {} }),
      recorded('GroupMembersAdded', { tenantId: 't', groupId: 'g', memberIds: ['u1'] }),
      recorded('GroupMembersAdded', { tenantId: 't', groupId: 'g', memberIds: ['u2'] }),
      recorded('GroupMembersAdded', { tenantId: 't', groupId: 'g', memberIds: ['nobody'] }),
      recorded('UserDeleted', { tenantId: 't', userId: 'u2', userName: 'b' }, 1),
    ];
    foldEvents(draft, events);
    // The group's version is the position of its last applied membership change (the add of u2).
    const lastApplied = events[4]!;
    expect([...draft.memberships]).toEqual([['t\u0000g\u0000u1', true]]);
    expect(draft.clearedUsers.has('t\u0000u2')).toBe(true);
    const group = draft.getGroup('t', 'g')!;
    expect(group.version).toBe(`W/"${lastApplied.globalPosition}"`);
    foldEvents(draft, [recorded('GroupDeleted', { tenantId: 't', groupId: 'g', displayName: 'G' }, 1)]);
    expect(draft.memberships.size).toBe(0);
    expect(draft.getGroup('t', 'g')).toBeUndefined();
  });
});
