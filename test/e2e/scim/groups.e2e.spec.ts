import { givenUser, patch } from './steps';
import { useScimService } from '../../support/scim-harness';
import { GROUP_SCHEMA, user } from '../../support/scim';
import {
  expectList,
  expectResource,
  expectScimError,
  filterQuery,
  groupIdsOf,
  memberIds,
  type Json,
} from './expect-scim';

const group = (displayName: string, members: string[] = [], extra: Json = {}) => ({
  schemas: [GROUP_SCHEMA],
  displayName,
  members: members.map((value) => ({ value })),
  ...extra,
});

/** RFC 7644 /Groups over HTTP on the strict (generic) profile: CRUD, membership in every PATCH form, meta. */
describe('SCIM /Groups over HTTP', () => {
  const { scim } = useScimService();
  /** when + then: a PATCH of the group, answered 204 (no attributes asked for). */
  const patchGroup = async (id: string, ...operations: Json[]): Promise<void> =>
    expect((await scim.call('PATCH', `/Groups/${id}`, patch(...operations))).status).toBe(204);
  const users: string[] = [];
  beforeAll(async () => {
    for (const name of ['u1', 'u2', 'u3', 'u4']) {
      const created = await scim.call('POST', '/Users', user(`${name}@groups.example`));
      users.push(expectResource(created, 201, scim, 'User').id);
    }
  });

  const [u1, u2, u3, u4] = [0, 1, 2, 3].map((i) => () => users[i]);

  it('creates a group with members: 201, Location, ETag, complete meta, members with $ref and display', async () => {
    // Users of its own: the shared ones are in the groups other cases made, in whatever order they ran.
    const [first, second] = [
      (await givenUser(scim, user('first@engineering.example'))).id,
      (await givenUser(scim, user('second@engineering.example'))).id,
    ];
    const created = await scim.call('POST', '/Groups', group('Engineering', [first, second], { externalId: 'eng-1' }));
    const body = expectResource(created, 201, scim, 'Group');
    expect(body).toMatchObject({ displayName: 'Engineering', externalId: 'eng-1', schemas: [GROUP_SCHEMA] });
    expect(body.members.map((m: Json) => m.value).sort()).toEqual([first, second].sort());
    for (const member of body.members) {
      expect(member.$ref).toBe(`${scim.base}/Users/${member.value}`);
    }
    expect(await groupIdsOf(scim, first)).toEqual([body.id]);
    const userRead = expectResource(await scim.call('GET', `/Users/${first}`), 200, scim, 'User');
    expect(userRead.groups).toEqual([
      expect.objectContaining({ value: body.id, display: 'Engineering', $ref: `${scim.base}/Groups/${body.id}` }),
    ]);
  });

  it('GETs, PUTs (full replace including members) and lists groups with meta on each', async () => {
    const id = expectResource(await scim.call('POST', '/Groups', group('Ops', [u1()])), 201, scim, 'Group').id;
    const read = expectResource(await scim.call('GET', `/Groups/${id}`), 200, scim, 'Group');
    expect(read.displayName).toBe('Ops');
    const replaced = expectResource(
      await scim.call('PUT', `/Groups/${id}`, group('Operations', [u2(), u3()])),
      200,
      scim,
      'Group',
    );
    expect(replaced.displayName).toBe('Operations');
    expect(replaced.members.map((m: Json) => m.value).sort()).toEqual([u2(), u3()].sort());
    expect(replaced.meta.created).toBe(read.meta.created);
    expect(replaced.meta.version).not.toBe(read.meta.version);
    expect(await memberIds(scim, id)).toEqual([u2(), u3()].sort());
    expect(await groupIdsOf(scim, u1())).not.toContain(id);
    const listed = expectList(
      await scim.call('GET', `/Groups?${filterQuery('displayName eq "Operations"')}`),
      scim,
      'Group',
      1,
    );
    expect(listed[0].id).toBe(id);
  });

  it(
    'PATCH answers 204 with the new ETag, or 200 with the group when attributes are asked ' + 'for (RFC 7644 §3.5.2)',
    async () => {
      const created = await scim.call('POST', '/Groups', group('Patched'));
      const id = expectResource(created, 201, scim, 'Group').id;
      const quiet = await scim.call(
        'PATCH',
        `/Groups/${id}`,
        patch({ op: 'add', path: 'members', value: [{ value: u1() }] }),
      );
      expect(quiet.status).toBe(204);
      expect(quiet.body).toBeUndefined();
      expect(quiet.headers.get('etag')).toMatch(/^W\/"/);
      expect(quiet.headers.get('etag')).not.toBe(created.headers.get('etag'));
      const asked = await scim.call(
        'PATCH',
        `/Groups/${id}?attributes=members`,
        patch({ op: 'add', path: 'members', value: [{ value: u2() }] }),
      );
      const body = expectResource(asked, 200, scim, 'Group');
      expect(body.members).toEqual(
        expect.arrayContaining([expect.objectContaining({ value: u1() }), expect.objectContaining({ value: u2() })]),
      );
    },
  );

  it('honours If-Match with the ETag it served, on PUT, PATCH and DELETE, and 412 on a stale one', async () => {
    const created = await scim.call('POST', '/Groups', group('Conditional', [u1()]));
    const id = expectResource(created, 201, scim, 'Group').id;
    const first = created.headers.get('etag')!;
    const patched = await scim.call(
      'PATCH',
      `/Groups/${id}`,
      patch({ op: 'add', path: 'members', value: [{ value: u2() }] }),
      { 'if-match': first },
    );
    expect(patched.status).toBe(204);
    const second = patched.headers.get('etag')!;
    expect(second).not.toBe(first);
    // The member change moved the ETag: the first one is stale now, for every method.
    expectScimError(await scim.call('PUT', `/Groups/${id}`, group('Conditional renamed'), { 'if-match': first }), 412);
    expectScimError(
      await scim.call('PATCH', `/Groups/${id}`, patch({ op: 'replace', path: 'displayName', value: 'x' }), {
        'if-match': first,
      }),
      412,
    );
    expectScimError(await scim.call('DELETE', `/Groups/${id}`, undefined, { 'if-match': first }), 412);
    const replaced = await scim.call('PUT', `/Groups/${id}`, group('Conditional renamed', [u1(), u2()]), {
      'if-match': second,
    });
    expect(expectResource(replaced, 200, scim, 'Group').displayName).toBe('Conditional renamed');
    expect(
      (await scim.call('DELETE', `/Groups/${id}`, undefined, { 'if-match': replaced.headers.get('etag')! })).status,
    ).toBe(204);
  });

  describe('membership', () => {
    let id: string;
    beforeEach(async () => {
      id = expectResource(
        await scim.call('POST', '/Groups', group(`Members ${Math.random()}`, [u1(), u2(), u3()])),
        201,
        scim,
        'Group',
      ).id;
    });

    it('adds one member', async () => {
      await patchGroup(id, { op: 'add', path: 'members', value: [{ value: u4() }] });
      expect(await memberIds(scim, id)).toEqual([u1(), u2(), u3(), u4()].sort());
    });

    it('adding an existing member again keeps one entry', async () => {
      await patchGroup(id, { op: 'add', path: 'members', value: [{ value: u1() }] });
      expect(await memberIds(scim, id)).toEqual([u1(), u2(), u3()].sort());
    });

    it('removes one member by value filter (members[value eq "…"])', async () => {
      await patchGroup(id, { op: 'remove', path: `members[value eq "${u2()}"]` });
      expect(await memberIds(scim, id)).toEqual([u1(), u3()].sort());
      expect(await groupIdsOf(scim, u2())).not.toContain(id);
    });

    it('removes by a value list: only those listed leave', async () => {
      await patchGroup(id, { op: 'remove', path: 'members', value: [{ value: u1() }, { value: u3() }] });
      expect(await memberIds(scim, id)).toEqual([u2()]);
    });

    it('remove of members with no value and no filter removes them all', async () => {
      await patchGroup(id, { op: 'remove', path: 'members' });
      expect(await memberIds(scim, id)).toEqual([]);
    });

    it('replaces members with a partial list: exactly that list remains', async () => {
      await patchGroup(id, { op: 'replace', path: 'members', value: [{ value: u3() }, { value: u4() }] });
      expect(await memberIds(scim, id)).toEqual([u3(), u4()].sort());
      expect(await groupIdsOf(scim, u1())).not.toContain(id);
      expect(await groupIdsOf(scim, u4())).toContain(id);
    });

    it('replaces members with []', async () => {
      const response = await scim.call('PATCH', `/Groups/${id}`, patch({ op: 'replace', path: 'members', value: [] }));
      expect(response.status).toBe(204);
      expect(await memberIds(scim, id)).toEqual([]);
    });

    it('a remove by filter of a non-member is 400 noTarget on the strict profile, and changes nothing', async () => {
      expectScimError(
        await scim.call('PATCH', `/Groups/${id}`, patch({ op: 'remove', path: `members[value eq "${u4()}"]` })),
        400,
        'noTarget',
      );
      expect(await memberIds(scim, id)).toEqual([u1(), u2(), u3()].sort());
    });

    it('adding an unknown user id is refused with a SCIM 400 and changes nothing', async () => {
      const response = await scim.call(
        'PATCH',
        `/Groups/${id}`,
        patch({ op: 'add', path: 'members', value: [{ value: '00000000-0000-4000-8000-00000000dead' }] }),
      );
      expectScimError(response, 400);
      expect(await memberIds(scim, id)).toEqual([u1(), u2(), u3()].sort());
    });

    it('renames with a path and with a no-path replace, keeping members', async () => {
      await patchGroup(id, { op: 'replace', path: 'displayName', value: 'Renamed' });
      const renamed = await scim.call(
        'PATCH',
        `/Groups/${id}?excludedAttributes=members`,
        patch({ op: 'replace', value: { displayName: 'Renamed twice' } }),
      );
      expect(expectResource(renamed, 200, scim, 'Group').displayName).toBe('Renamed twice');
      expect(await memberIds(scim, id)).toEqual([u1(), u2(), u3()].sort());
    });
  });

  describe("a member's display (issue 15, item 3): kept as the client sent it, computed only when absent", () => {
    const people: string[] = [];
    beforeAll(async () => {
      for (const name of ['d1', 'd2', 'd3', 'd4'])
        people.push(
          expectResource(await scim.call('POST', '/Users', user(`${name}@display.example`)), 201, scim, 'User').id,
        );
    });
    const displays = async (id: string): Promise<Json> => {
      const read = expectResource(await scim.call('GET', `/Groups/${id}`), 200, scim, 'Group');
      return Object.fromEntries((read.members as Json[]).map((member) => [member.value, member.display]));
    };
    const withDisplays = (name: string, members: Json[]) => ({ schemas: [GROUP_SCHEMA], displayName: name, members });

    it("on create: the sent display is served; without one, the user's displayName, else its userName", async () => {
      const [d1, d2] = people;
      const created = await scim.call(
        'POST',
        '/Groups',
        withDisplays('Displayed', [{ value: d1, display: 'Dee One (IdP)' }, { value: d2 }]),
      );
      const body = expectResource(created, 201, scim, 'Group');
      expect(Object.fromEntries(body.members.map((m: Json) => [m.value, m.display]))).toEqual({
        [d1]: 'Dee One (IdP)',
        [d2]: 'd2@display.example',
      });
      expect(await displays(body.id)).toEqual({ [d1]: 'Dee One (IdP)', [d2]: 'd2@display.example' });
      await scim.call('PATCH', `/Users/${d2}`, patch({ op: 'replace', path: 'displayName', value: 'Dee Two' }));
      await scim.call(
        'PATCH',
        `/Users/${d1}`,
        patch({ op: 'replace', path: 'displayName', value: 'Changed in the directory' }),
      );
      expect(await displays(body.id)).toEqual({ [d1]: 'Dee One (IdP)', [d2]: 'Dee Two' });
    });

    it(
      'on PATCH add (with and without path) and PUT; a member already there keeps its ' + 'display (immutable)',
      async () => {
        const [d1, d2, d3, d4] = people;
        const id = expectResource(
          await scim.call('POST', '/Groups', withDisplays('Displayed later', [{ value: d1, display: 'First' }])),
          201,
          scim,
          'Group',
        ).id;
        await patchGroup(id, { op: 'add', path: 'members', value: [{ value: d2, display: 'Second' }] });
        await patchGroup(id, { op: 'add', value: { members: [{ value: d3, display: 'Third' }] } });
        await patchGroup(id, { op: 'add', path: 'members', value: [{ value: d1, display: 'Not the first' }] });
        expect(await displays(id)).toEqual({ [d1]: 'First', [d2]: 'Second', [d3]: 'Third' });
        const replaced = await scim.call(
          'PUT',
          `/Groups/${id}`,
          withDisplays('Displayed later', [
            { value: d1, display: 'Ignored' },
            { value: d4, display: 'Fourth' },
          ]),
        );
        expect(
          Object.fromEntries(
            expectResource(replaced, 200, scim, 'Group').members.map((m: Json) => [m.value, m.display]),
          ),
        ).toEqual({ [d1]: 'First', [d4]: 'Fourth' });
      },
    );

    it(
      'a member removed, then added again by a later request, takes the display of the new ' +
        'add (within one request the membership never ends)',
      async () => {
        const [d1] = people;
        const id = expectResource(
          await scim.call('POST', '/Groups', withDisplays('Re-added', [{ value: d1, display: 'Before' }])),
          201,
          scim,
          'Group',
        ).id;
        await patchGroup(
          id,
          { op: 'remove', path: `members[value eq "${d1}"]` },
          { op: 'add', path: 'members', value: [{ value: d1, display: 'After' }] },
        );
        expect(await displays(id)).toEqual({ [d1]: 'Before' });
        await patchGroup(id, { op: 'remove', path: `members[value eq "${d1}"]` });
        await patchGroup(id, { op: 'add', path: 'members', value: [{ value: d1, display: 'After' }] });
        expect(await displays(id)).toEqual({ [d1]: 'After' });
      },
    );

    it('filters match the display as served (members.display, caseExact false)', async () => {
      const [, , d3] = people;
      const id = expectResource(
        await scim.call(
          'POST',
          '/Groups',
          withDisplays('Filter by display', [{ value: d3, display: 'Unique Display Name' }]),
        ),
        201,
        scim,
        'Group',
      ).id;
      const found = expectList(
        await scim.call('GET', `/Groups?${filterQuery('members.display eq "unique display NAME"')}`),
        scim,
        'Group',
        1,
      );
      expect(found[0].id).toBe(id);
      expectList(
        await scim.call(
          'GET',
          `/Groups?${filterQuery('members[display eq "d3@display.example"] and displayName eq "Filter by display"')}`,
        ),
        scim,
        'Group',
        0,
      );
    });
  });

  it("a deleted group is no longer listed in its members' groups; the users remain", async () => {
    const id = expectResource(await scim.call('POST', '/Groups', group('Doomed', [u1(), u4()])), 201, scim, 'Group').id;
    expect(await groupIdsOf(scim, u4())).toContain(id);
    const deleted = await scim.call('DELETE', `/Groups/${id}`);
    expect({ status: deleted.status, body: deleted.body }).toEqual({ status: 204, body: undefined });
    expectScimError(await scim.call('GET', `/Groups/${id}`), 404);
    expectScimError(await scim.call('DELETE', `/Groups/${id}`), 404);
    expect(await groupIdsOf(scim, u4())).not.toContain(id);
    expect(await groupIdsOf(scim, u1())).not.toContain(id);
    const filtered = expectList(
      await scim.call('GET', `/Users?${filterQuery(`groups.value eq "${id}"`)}`),
      scim,
      'User',
    );
    expect(filtered).toEqual([]);
  });

  it('a deleted user leaves every group it was in', async () => {
    const extra = expectResource(
      await scim.call('POST', '/Users', user('leaver@groups.example')),
      201,
      scim,
      'User',
    ).id;
    const id = expectResource(
      await scim.call('POST', '/Groups', group('Leavers', [extra, u1()])),
      201,
      scim,
      'Group',
    ).id;
    expect((await scim.call('DELETE', `/Users/${extra}`)).status).toBe(204);
    expect(await memberIds(scim, id)).toEqual([u1()]);
  });

  it('filters users by group membership (groups.value eq)', async () => {
    const id = expectResource(await scim.call('POST', '/Groups', group('Filtered', [u3()])), 201, scim, 'Group').id;
    const found = expectList(
      await scim.call('GET', `/Users?${filterQuery(`groups.value eq "${id}"`)}`),
      scim,
      'User',
      1,
    );
    expect(found[0].id).toBe(u3());
  });
});
