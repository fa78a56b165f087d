import { ChainVerifier, GENESIS_HASH } from '../chain/hash-chain';
import type { AuditEvent } from '../model/audit-event';
import { auditDraft, key, type AuditDraft } from './audit-draft';
import { auditReducers, foldAuditEvent, type AuditedEventType } from './audit-reducers';

const T = 't1';
const AT = '2026-03-01T12:00:00.000Z';
const ACTOR = { kind: 'scim-key', keyId: 'k1', idpProfile: 'okta' };

/** One event of tenant t1, at AT, by ACTOR, in request r1, as the 10th event of the log. */
function event(type: string, data: Record<string, unknown>, extra: Partial<AuditEvent> = {}): AuditEvent {
  return {
    eventId: 'e10',
    globalPosition: 10,
    type,
    data: { tenantId: T, ...data },
    tenantId: T,
    actor: ACTOR,
    requestId: 'r1',
    correlationId: 'c1',
    occurredAt: AT,
    ...extra,
  };
}

/** What the event closes, as the writer receives it. */
const closing = { at: AT, actor: ACTOR, requestId: 'r1', eventId: 'e10' };
const envelope = { tenantId: T, seq: 1, position: 10, eventId: 'e10', occurredAt: AT, actor: ACTOR };
const record = (eventType: string, fields: Record<string, unknown>) => ({
  ...envelope,
  eventType,
  requestId: 'r1',
  correlationId: 'c1',
  userId: null,
  groupId: null,
  ...fields,
});

/** State the batch loaded before the event: ids of database rows (dbId) and the roles' names. */
const openStatus = (userId: string, status: string, dbId: number): Partial<AuditDraft> => ({
  openStatus: new Map([[key(T, userId), { dbId, status }]]),
});
const role = (groupId: string, displayName: string) => ({
  tenantId: T,
  groupId,
  displayName,
  createdAt: '2026-01-01T00:00:00.000Z',
  deletedAt: null,
  dirty: false,
});
const roles = (...rows: Array<ReturnType<typeof role>>) => new Map(rows.map((r) => [key(T, r.groupId), r]));
const openMembership = (groupId: string, userId: string, dbId: number) =>
  [key(T, groupId, userId), { dbId, tenantId: T, groupId, userId }] as const;

/** The rows a draft would write, without the empty tables, and the records without their hashes (checked apart). */
function rowsOut(draft: AuditDraft): Record<string, unknown> {
  const { groupDeletions, records, ...writes } = draft.writes;
  const out: Record<string, unknown> = {};
  for (const [table, rows] of Object.entries(writes)) if (rows.length > 0) out[table] = rows;
  if (groupDeletions.size > 0) out.groupDeletions = [...groupDeletions.values()];
  const dirtyRoles = [...draft.roles.values()].filter((r) => r.dirty);
  if (dirtyRoles.length > 0) out.roles = dirtyRoles;
  out.records = records.map(({ prevHash: _prev, hash: _hash, ...rest }) => rest);
  return out;
}

interface Case {
  given?: Partial<AuditDraft>;
  when: AuditEvent;
  then: Record<string, unknown>;
}

/** One case per reducer: the event in, every row it writes out. */
const cases: { [T in AuditedEventType]: Case } = {
  UserProvisioned: {
    when: event('UserProvisioned', {
      userId: 'u1',
      userName: 'alice',
      externalId: 'x1',
      active: true,
      resource: { userName: 'alice', displayName: 'Alice' },
    }),
    then: {
      statusRows: [statusRow('u1', 'active')],
      userNames: [{ tenantId: T, userId: 'u1', userName: 'alice', validFrom: AT, position: 10, eventId: 'e10' }],
      records: [
        record('UserProvisioned', {
          action: 'user.provisioned',
          userId: 'u1',
          changes: [
            { path: 'userName', before: null, after: 'alice' },
            { path: 'active', before: null, after: true },
            { path: 'externalId', before: null, after: 'x1' },
            { path: 'displayName', before: null, after: 'Alice' },
          ],
        }),
      ],
    },
  },
  UserUpdated: {
    given: { latestUserName: new Map([[key(T, 'u1'), 'alice']]) },
    when: event('UserUpdated', {
      userId: 'u1',
      userName: 'alice2',
      changes: [{ path: 'userName', before: 'alice', after: 'alice2' }],
      resource: { userName: 'alice2' },
    }),
    then: {
      userNames: [{ tenantId: T, userId: 'u1', userName: 'alice2', validFrom: AT, position: 10, eventId: 'e10' }],
      records: [
        record('UserUpdated', {
          action: 'user.updated',
          userId: 'u1',
          changes: [{ path: 'userName', before: 'alice', after: 'alice2' }],
        }),
      ],
    },
  },
  UserDeactivated: {
    given: openStatus('u1', 'active', 7),
    when: event('UserDeactivated', { userId: 'u1', userName: 'alice' }),
    then: {
      statusRows: [statusRow('u1', 'inactive')],
      statusClosings: [{ id: 7, ...closing }],
      records: [
        record('UserDeactivated', {
          action: 'user.deactivated',
          userId: 'u1',
          changes: [{ path: 'active', before: true, after: false }],
        }),
      ],
    },
  },
  UserReactivated: {
    given: openStatus('u1', 'inactive', 7),
    when: event('UserReactivated', { userId: 'u1', userName: 'alice' }),
    then: {
      statusRows: [statusRow('u1', 'active')],
      statusClosings: [{ id: 7, ...closing }],
      records: [
        record('UserReactivated', {
          action: 'user.reactivated',
          userId: 'u1',
          changes: [{ path: 'active', before: false, after: true }],
        }),
      ],
    },
  },
  UserActiveAttributeChanged: {
    when: event('UserActiveAttributeChanged', { userId: 'u1', userName: 'alice', before: true, after: null }),
    then: {
      records: [
        record('UserActiveAttributeChanged', {
          action: 'user.updated',
          userId: 'u1',
          changes: [{ path: 'active', before: true, after: null }],
        }),
      ],
    },
  },
  UserDeleted: {
    given: {
      ...openStatus('u1', 'active', 7),
      openMemberships: new Map([openMembership('g2', 'u1', 12), openMembership('g1', 'u1', 11)]),
    },
    when: event('UserDeleted', { userId: 'u1', userName: 'alice' }),
    then: {
      statusRows: [statusRow('u1', 'deleted')],
      statusClosings: [{ id: 7, ...closing }],
      membershipClosings: [
        { id: 12, ...closing, reason: 'user_deleted' },
        { id: 11, ...closing, reason: 'user_deleted' },
      ],
      records: [
        record('UserDeleted', {
          action: 'user.deleted',
          userId: 'u1',
          changes: [
            { path: 'status', before: 'active', after: 'deleted' },
            { path: 'roles', before: ['g1', 'g2'], after: [] },
          ],
        }),
      ],
    },
  },
  UserErased: {
    when: event('UserErased', { userId: 'u1' }),
    then: {
      erasures: [{ tenantId: T, userId: 'u1', erasedAt: AT, eventId: 'e10', position: 10 }],
      records: [
        record('UserErased', {
          action: 'user.erased',
          userId: 'u1',
          changes: [{ path: 'personalData', before: null, after: 'erased' }],
        }),
      ],
    },
  },
  GroupCreated: {
    when: event('GroupCreated', { groupId: 'g1', displayName: 'Admins', externalId: null, resource: {} }),
    then: {
      roleNames: [{ tenantId: T, groupId: 'g1', displayName: 'Admins', validFrom: AT, position: 10 }],
      roles: [{ ...role('g1', 'Admins'), createdAt: AT, dirty: true }],
      records: [
        record('GroupCreated', {
          action: 'role.created',
          groupId: 'g1',
          changes: [{ path: 'displayName', before: null, after: 'Admins' }],
        }),
      ],
    },
  },
  GroupRenamed: {
    given: { roles: roles(role('g1', 'Admins')) },
    when: event('GroupRenamed', { groupId: 'g1', previousDisplayName: 'Admins', displayName: 'Owners' }),
    then: {
      roleNames: [{ tenantId: T, groupId: 'g1', displayName: 'Owners', validFrom: AT, position: 10 }],
      roles: [{ ...role('g1', 'Owners'), dirty: true }],
      records: [
        record('GroupRenamed', {
          action: 'role.renamed',
          groupId: 'g1',
          changes: [{ path: 'displayName', before: 'Admins', after: 'Owners' }],
        }),
      ],
    },
  },
  GroupUpdated: {
    when: event('GroupUpdated', {
      groupId: 'g1',
      changes: [{ path: 'externalId', after: 'x9' }],
      resource: { externalId: 'x9' },
    }),
    then: {
      records: [
        record('GroupUpdated', {
          action: 'role.updated',
          groupId: 'g1',
          changes: [{ path: 'externalId', before: null, after: 'x9' }],
        }),
      ],
    },
  },
  GroupDeleted: {
    given: { roles: roles(role('g1', 'Admins')), openMemberships: new Map([openMembership('g1', 'u1', 11)]) },
    when: event('GroupDeleted', { groupId: 'g1', displayName: 'Admins' }),
    then: {
      membershipClosings: [{ id: 11, ...closing, reason: 'group_deleted' }],
      groupDeletions: [{ tenantId: T, groupId: 'g1', ...closing, reason: 'group_deleted' }],
      roles: [{ ...role('g1', 'Admins'), deletedAt: AT, dirty: true }],
      records: [
        record('GroupDeleted', {
          action: 'role.deleted',
          groupId: 'g1',
          changes: [{ path: 'displayName', before: 'Admins', after: null }],
        }),
      ],
    },
  },
  GroupMembersAdded: {
    given: { roles: roles(role('g1', 'Admins')) },
    when: event('GroupMembersAdded', { groupId: 'g1', memberIds: ['u1'], displays: {} }),
    then: {
      membershipRows: [
        {
          tenantId: T,
          groupId: 'g1',
          userId: 'u1',
          grantedAt: AT,
          grantedBy: ACTOR,
          grantedRequestId: 'r1',
          grantedEventId: 'e10',
          grantedPosition: 10,
          revocation: null,
        },
      ],
      records: [
        record('GroupMembersAdded', {
          action: 'role.granted',
          userId: 'u1',
          groupId: 'g1',
          changes: [{ path: 'roles', before: null, after: { groupId: 'g1', displayName: 'Admins' } }],
        }),
      ],
    },
  },
  GroupMembersRemoved: {
    given: { roles: roles(role('g1', 'Admins')), openMemberships: new Map([openMembership('g1', 'u1', 11)]) },
    when: event('GroupMembersRemoved', { groupId: 'g1', memberIds: ['u1'] }),
    then: {
      membershipClosings: [{ id: 11, ...closing, reason: 'removed' }],
      records: [
        record('GroupMembersRemoved', {
          action: 'role.revoked',
          userId: 'u1',
          groupId: 'g1',
          changes: [{ path: 'roles', before: { groupId: 'g1', displayName: 'Admins' }, after: null }],
        }),
      ],
    },
  },
  ParkedEventSkipped: {
    when: event('ParkedEventSkipped', { follower: 'audit', eventId: 'e3', position: 3, eventType: 'UserUpdated' }),
    then: {
      records: [
        record('ParkedEventSkipped', {
          action: 'follower.event_skipped',
          changes: [
            {
              path: 'parkedEvents[audit]',
              before: { eventId: 'e3', position: 3, eventType: 'UserUpdated' },
              after: 'skipped',
            },
          ],
        }),
      ],
    },
  },
  AuditorCredentialIssued: {
    when: event('AuditorCredentialIssued', { credentialId: 'c9', createdAt: AT }),
    then: {
      records: [
        record('AuditorCredentialIssued', {
          action: 'auditor.credential_issued',
          changes: [{ path: 'auditorCredentials[c9]', before: null, after: { credentialId: 'c9', createdAt: AT } }],
        }),
      ],
    },
  },
  AuditorCredentialRevoked: {
    when: event('AuditorCredentialRevoked', { credentialId: 'c9', revokedAt: AT }),
    then: {
      records: [
        record('AuditorCredentialRevoked', {
          action: 'auditor.credential_revoked',
          changes: [
            {
              path: 'auditorCredentials[c9]',
              before: { credentialId: 'c9' },
              after: { credentialId: 'c9', revokedAt: AT },
            },
          ],
        }),
      ],
    },
  },
};

function statusRow(userId: string, status: string) {
  return {
    tenantId: T,
    userId,
    status,
    validFrom: AT,
    actor: ACTOR,
    requestId: 'r1',
    eventId: 'e10',
    position: 10,
    closing: null,
  };
}

describe('audit reducers: event in, rows out', () => {
  it('has a case for every reducer', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(auditReducers).sort());
  });

  it.each(Object.entries(cases))('%s', (_type, { given, when, then }) => {
    const draft = auditDraft(given);
    foldAuditEvent(draft, when);
    expect(rowsOut(draft)).toEqual(then);
    expect(draft.writes.records[0]?.prevHash).toBe(GENESIS_HASH);
    expect(new ChainVerifier().check(draft.writes.records)).toBe(true);
  });
});

describe('audit reducers: state carried through a batch', () => {
  it('links each record to the previous one of its tenant, from the loaded head', () => {
    const draft = auditDraft({ chainHeads: new Map([[T, { seq: 4, hash: 'a'.repeat(64) }]]) });
    foldAuditEvent(draft, cases.GroupCreated.when);
    foldAuditEvent(
      draft,
      event('GroupUpdated', { groupId: 'g1', changes: [] }, { eventId: 'e11', globalPosition: 11 }),
    );
    const [first, second] = draft.writes.records;
    expect([first?.seq, first?.prevHash, second?.seq, second?.prevHash]).toEqual([5, 'a'.repeat(64), 6, first?.hash]);
    expect(draft.chainHeads.get(T)).toEqual({ seq: 6, hash: second?.hash });
  });

  it('closes a row opened in the same batch in place instead of updating the database', () => {
    const draft = auditDraft();
    foldAuditEvent(draft, cases.GroupMembersAdded.when);
    foldAuditEvent(draft, cases.GroupMembersRemoved.when);
    expect(draft.writes.membershipClosings).toEqual([]);
    expect(draft.writes.membershipRows.map((row) => row.revocation)).toEqual([{ ...closing, reason: 'removed' }]);
  });

  it('keeps a sealed provisioning out of the clear tables: no name, the ciphertext chained', () => {
    const draft = auditDraft();
    const sealed = { ciphertext: 'opaque' };
    foldAuditEvent(draft, { ...cases.UserProvisioned.when, sealed });
    expect(draft.writes.userNames.map((row) => row.userName)).toEqual([null]);
    expect(draft.writes.records.map((r) => [r.changes, r.sealed])).toEqual([
      [[{ path: 'active', before: null, after: true }], sealed],
    ]);
  });

  it.each([
    [
      'an event without a tenant',
      {},
      event('GroupUpdated', { groupId: 'g1' }, { tenantId: '' }),
      'carries no tenant id',
    ],
    ['an update of a user never provisioned', {}, cases.UserUpdated.when, 'who was never provisioned'],
    ['a deactivation without a status', {}, cases.UserDeactivated.when, 'who has no status'],
    ['a second provisioning', openStatus('u1', 'active', 7), cases.UserProvisioned.when, 'already has an open status'],
    ['an event without its id', {}, event('GroupDeleted', {}), 'GroupDeleted has no groupId'],
  ])('refuses %s', (_name, given, when, message) => {
    expect(() => foldAuditEvent(auditDraft(given), when)).toThrow(message);
  });

  it('leaves no trace of an event that is not an access change', () => {
    const draft = auditDraft();
    foldAuditEvent(draft, event('UserNameReserved', { userName: 'alice', userId: 'u1' }));
    expect(rowsOut(draft)).toEqual({ records: [] });
  });
});
