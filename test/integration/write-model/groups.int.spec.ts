import { randomUUID } from 'node:crypto';
import { groupMembershipStream, groupStream, membershipStream, userStream } from '@lib/domain';
import { Pool } from 'pg';
import type { EventStore } from '@lib/event-store';
import type { PatchGroupCommand } from '@lib/write-model';
import { EventsTableMemberDirectoryForTests } from '../../../libs/write-model/src/testing';
import { commandsFor, useWriteModel } from './harness';

// The project-level testTimeout does not reach tests under jest 30's projects; real servers need more than 5 s.
jest.setTimeout(60_000);

/** Counts what the handlers read and write, to prove a one-member change stays one-member sized. */
class CountingStore {
  readStreams: string[] = [];
  appended: string[][] = [];
  wrap(inner: EventStore): EventStore {
    return new Proxy(inner, {
      get: (target, key, receiver) => {
        if (key === 'readStream')
          return (id: string, from?: number) => (this.readStreams.push(id), target.readStream(id, from));
        if (key === 'appendMany')
          return (requests: Parameters<EventStore['appendMany']>[0]) => (
            this.appended.push(requests.map((r) => r.streamId)),
            target.appendMany(requests)
          );
        return Reflect.get(target, key, receiver);
      },
    });
  }
}

describe('write model: groups on PostgreSQL', () => {
  const counting = new CountingStore();
  const wm = useWriteModel({ store: (inner) => counting.wrap(inner) });
  const tenantId = 'tenant-g';
  const when = commandsFor(wm, tenantId);
  const user = () => when.newUser();
  const createGroup = async (displayName: string, memberIds: string[] = []) => {
    const groupId = randomUUID();
    const result = await when.createGroup({
      groupId,
      resource: { displayName, members: memberIds.map((value) => ({ value, type: 'User' })) },
    });
    return { groupId, result };
  };
  const patch = (groupId: string, input: Omit<PatchGroupCommand['input'], 'tenantId' | 'groupId' | 'metadata'>) =>
    when.patchGroup({ groupId, ...input });
  /** The member set as the events table says (the test MemberDirectory, exact). */
  const members = async (groupId: string) => {
    const pool = new Pool({ connectionString: wm.db.url, max: 1 });
    try {
      return (await new EventsTableMemberDirectoryForTests(pool).currentMembers(tenantId, groupId)).sort();
    } finally {
      await pool.end();
    }
  };

  it('creates a group with its members, one membership stream each', async () => {
    const [a, b] = [await user(), await user()];
    const { groupId, result } = await createGroup('Admins', [a, b]);
    expect(result).toMatchObject({ revision: 0, changed: true });
    expect(result.version).toBe(`0.${result.lastGlobalPosition}`);
    expect((await wm.store.readStream(groupStream(tenantId, groupId))).map((e) => e.type)).toEqual(['GroupCreated']);
    const [added] = await wm.store.readStream(membershipStream(tenantId, groupId, a));
    expect(added).toMatchObject({ type: 'GroupMembersAdded', data: { groupId, memberIds: [a] } });
    expect(await members(groupId)).toEqual([a, b].sort());
  });

  it('rejects members that are not users of the tenant, or are groups', async () => {
    await expect(createGroup('Bad', [randomUUID()])).rejects.toMatchObject({ code: 'invalid_value' });
    await expect(
      when.createGroup({
        groupId: randomUUID(),
        resource: { displayName: 'N', members: [{ value: 'g', type: 'Group' }] },
      }),
    ).rejects.toMatchObject({ code: 'invalid_value' });
  });

  it('adds one member to a large group reading and writing only that member (and guarding the group)', async () => {
    const many = await Promise.all(Array.from({ length: 150 }, () => user()));
    const { groupId } = await createGroup('Everyone', many);
    const newcomer = await user();
    counting.readStreams = [];
    counting.appended = [];
    const result = await patch(groupId, { members: { add: [newcomer], remove: [] } });
    expect(result.changed).toBe(true);
    expect(counting.readStreams.sort()).toEqual(
      [
        groupStream(tenantId, groupId),
        membershipStream(tenantId, groupId, newcomer),
        userStream(tenantId, newcomer),
      ].sort(),
    );
    // The group (a guard), the member's stream, the user (a guard against its deletion), the group's
    // membership version.
    expect(counting.appended).toEqual([
      [
        groupStream(tenantId, groupId),
        membershipStream(tenantId, groupId, newcomer),
        userStream(tenantId, newcomer),
        groupMembershipStream(tenantId, groupId),
      ],
    ]);
    counting.readStreams = [];
    await patch(groupId, { members: { add: [], remove: [many[7]] } });
    expect(counting.readStreams.sort()).toEqual(
      [groupStream(tenantId, groupId), membershipStream(tenantId, groupId, many[7])].sort(),
    );
    expect(await members(groupId)).toHaveLength(150);
  });

  it('ignores adding a present member and removing an absent one', async () => {
    const a = await user();
    const { groupId } = await createGroup('Idem', [a]);
    const head = await wm.store.headPosition();
    await expect(patch(groupId, { members: { add: [a], remove: [randomUUID()] } })).resolves.toMatchObject({
      changed: false,
      version: null,
    });
    expect(await wm.store.headPosition()).toBe(head);
  });

  it('replaces members, [] included, by the current set from the MemberDirectory', async () => {
    const [a, b, c] = [await user(), await user(), await user()];
    const { groupId } = await createGroup('Replace', [a, b]);
    await patch(groupId, { members: { replaceWith: [b, c] } });
    expect(await members(groupId)).toEqual([b, c].sort());
    await patch(groupId, { members: { replaceWith: [] } });
    expect(await members(groupId)).toEqual([]);
  });

  it('renames and updates attributes; a PUT without members leaves members alone', async () => {
    const a = await user();
    const { groupId } = await createGroup('Old', [a]);
    await when.replaceGroup({ groupId, resource: { displayName: 'New', externalId: 'e1' } });
    expect((await wm.store.readStream(groupStream(tenantId, groupId))).map((e) => e.type)).toEqual([
      'GroupCreated',
      'GroupRenamed',
      'GroupUpdated',
    ]);
    expect(await members(groupId)).toEqual([a]);
    await when.replaceGroup({ groupId, resource: { displayName: 'New', externalId: 'e1', members: [] } });
    expect(await members(groupId)).toEqual([]);
  });

  it('lets concurrent single-member adds to one group all succeed', async () => {
    const users = await Promise.all(Array.from({ length: 10 }, () => user()));
    const { groupId } = await createGroup('Busy');
    await Promise.all(users.map((u) => patch(groupId, { members: { add: [u], remove: [] } })));
    expect(await members(groupId)).toEqual(users.sort());
  });

  it('checks If-Match on the group revision and refuses changes to a deleted group', async () => {
    const { groupId } = await createGroup('Doomed');
    await expect(patch(groupId, { resource: { displayName: 'X' }, expectedVersion: '5.1' })).rejects.toMatchObject({
      code: 'precondition_failed',
    });
    await when.deleteGroup({ groupId, expectedVersion: 'W/"0.1"' });
    await expect(patch(groupId, { members: { add: [await user()], remove: [] } })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(when.deleteGroup({ groupId })).rejects.toMatchObject({ code: 'not_found' });
  });
});
