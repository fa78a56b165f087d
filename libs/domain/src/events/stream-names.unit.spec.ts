import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { migratedStreamId, UnmappableStreamError } from './previous-stream-names';
import {
  groupMembershipStream,
  groupStream,
  InvalidStreamNameError,
  isResourceId,
  membershipStream,
  tenantStream,
  userNameReservationStream,
  userStream,
} from './stream-names';

const tenants = ['acme', 'acme-x', 'acme-x-y', 'a.b_c-d'];
const uuid = randomUUID();

/** Every stream kind, as a function of a tenant and (up to) two ids. */
const kinds: Record<string, (tenantId: string, a: string, b: string) => string> = {
  user: (t, a) => userStream(t, a),
  group: (t, a) => groupStream(t, a),
  membership: (t, a, b) => membershipStream(t, a, b),
  groupMembership: (t, a) => groupMembershipStream(t, a),
  userName: (t, a) => userNameReservationStream(t, a),
};

describe('stream names are tenant-safe', () => {
  it.each(Object.entries(kinds))(
    '%s: tenants that prefix each other and ids that contain the old separator never meet',
    (_kind, build) => {
      // The old defect: tenant acme with id `x-<uuid>` spelled tenant acme-x's stream of `<uuid>`.
      expect(build('acme', `x-${uuid}`, `y-${uuid}`)).not.toBe(build('acme-x', uuid, `y-${uuid}`));
      expect(build('acme-x', `y-${uuid}`, uuid)).not.toBe(build('acme-x-y', uuid, uuid));
      const owner = new Map<string, string>();
      for (const t of tenants) {
        for (const [a, b] of [
          [uuid, uuid],
          [`x-${uuid}`, uuid],
          [uuid, `x-${uuid}`],
          [`x-y-${uuid}`, `y-${uuid}`],
        ]) {
          const input = JSON.stringify([t, a, build === kinds.membership ? b : '']);
          const name = build(t, a, b);
          expect(owner.get(name) ?? input).toBe(input);
          owner.set(name, input);
        }
      }
    },
  );

  it('no two different (kind, tenant, ids) give the same name (property)', () => {
    const idChars = fc.constantFrom(...'abcdef0123456789-._');
    const id = fc.string({ unit: idChars, minLength: 1, maxLength: 12 }).filter((s) => /^[A-Za-z0-9._-]+$/.test(s));
    const tenant = fc.oneof(
      fc.constantFrom(...tenants),
      fc
        .string({ unit: fc.constantFrom(...'ax-._y1'), minLength: 1, maxLength: 8 })
        .filter((t) => /^[A-Za-z0-9]/.test(t)),
    );
    const kind = fc.constantFrom(...Object.keys(kinds).filter((k) => k !== 'userName'));
    fc.assert(
      fc.property(fc.tuple(kind, tenant, id, id), fc.tuple(kind, tenant, id, id), (x, y) => {
        const [kx, tx, ax, bx] = x;
        const [ky, ty, ay, by] = y;
        const same = kx === ky && tx === ty && ax === ay && (kx !== 'membership' || bx === by);
        return (kinds[kx](tx, ax, bx) === kinds[ky](ty, ay, by)) === same;
      }),
      { numRuns: 3000 },
    );
  });

  it('the tenant stream of one tenant is not a prefix-spelling of another', () => {
    expect(new Set(tenants.map(tenantStream)).size).toBe(tenants.length);
  });

  it.each([
    ['a tenant id with the separator', () => userStream('acme:x', uuid)],
    ['an empty tenant id', () => userStream('', uuid)],
    ['an id with the separator', () => userStream('acme', `x:${uuid}`)],
    ['an id with a NUL', () => groupStream('acme', 'a\u0000b')],
    ['an empty id', () => membershipStream('acme', uuid, '')],
  ])('refuses %s', (_name, build) => {
    expect(build).toThrow(InvalidStreamNameError);
  });
});

describe('isResourceId', () => {
  it('accepts the UUIDs this service generates, and nothing else', () => {
    expect(isResourceId(uuid)).toBe(true);
    expect(isResourceId(uuid.toUpperCase())).toBe(true);
    for (const bad of [`x-${uuid}`, `${uuid}x`, '', 'a\u0000b', '../Users', 42, null])
      expect(isResourceId(bad)).toBe(false);
  });
});

describe('migratedStreamId: the previous release names, moved', () => {
  it.each([
    ['user', { streamId: `user-acme-x-${uuid}`, tenantId: 'acme-x', data: { userId: uuid } }, `user-acme-x:${uuid}`],
    ['group', { streamId: `group-acme-${uuid}`, tenantId: 'acme', data: { groupId: uuid } }, `group-acme:${uuid}`],
    [
      'membership',
      {
        streamId: `membership-acme-${uuid}-x-${uuid}`,
        tenantId: 'acme',
        data: { groupId: uuid, memberIds: [`x-${uuid}`] },
      },
      `membership-acme:${uuid}:x-${uuid}`,
    ],
    [
      'userName',
      { streamId: `username-acme-${'a'.repeat(64)}`, tenantId: 'acme', data: { userName: 'Ada' } },
      userNameReservationStream('acme', 'ada'),
    ],
  ])('%s', (_kind, first, expected) => {
    expect(migratedStreamId(first)).toBe(expected);
  });

  it('leaves tenant streams, new names and unknown categories alone', () => {
    expect(migratedStreamId({ streamId: 'tenant-acme-x', tenantId: 'acme-x', data: {} })).toBeNull();
    expect(migratedStreamId({ streamId: `user-acme:${uuid}`, tenantId: 'acme', data: { userId: uuid } })).toBeNull();
    expect(migratedStreamId({ streamId: 'contract_1-s', tenantId: 't', data: {} })).toBeNull();
  });

  it('stops on a stream whose name is not what its first event says', () => {
    // tenant acme-x's user stream read as if it were acme's: the ambiguity the migration must not guess at.
    expect(() =>
      migratedStreamId({ streamId: `user-acme-x-${uuid}`, tenantId: 'acme', data: { userId: uuid } }),
    ).toThrow(UnmappableStreamError);
  });
});
