import { randomUUID } from 'node:crypto';
import { groupMembershipStream, membershipStream, userStream } from '@lib/domain';
import type { WriteResult } from '@lib/write-model';
import { commandsFor, useWriteModel } from './harness';

jest.setTimeout(300_000);

const TRIALS = 200;
const AT_ONCE = 25;

/**
 * Membership races run many times concurrently. The outcome must equal the serial execution of
 * the successful requests in commit order (each write's last global position), which is what a
 * client that reads after both answers sees.
 */
describe('membership races (write model on PostgreSQL)', () => {
  const wm = useWriteModel();
  const tenantId = 'race';
  const given = commandsFor(wm, tenantId);
  const group = async (members: string[]) => {
    const groupId = randomUUID();
    const created = await given.createGroup({
      groupId,
      resource: { displayName: `g-${groupId}`, members: members.map((value) => ({ value })) },
    });
    return { groupId, created };
  };
  /** The members' race: a replace of the members by [b] (PUT) against an add of x (PATCH). */
  const replaceMembersWith = (groupId: string, b: string, unchangedSince?: number) =>
    given.replaceGroup({ groupId, resource: { displayName: `g-${groupId}`, members: [{ value: b }] }, unchangedSince });
  const addMember = (groupId: string, x: string) => given.patchGroup({ groupId, members: { add: [x], remove: [] } });
  const members = async (groupId: string, candidates: string[]) => {
    const present: string[] = [];
    for (const id of candidates) {
      const last = await wm.store.readLastEvent(membershipStream(tenantId, groupId, id));
      if (last?.type === 'GroupMembersAdded') present.push(id);
    }
    return present.sort();
  };
  async function trials(trial: () => Promise<void>): Promise<void> {
    for (let done = 0; done < TRIALS; done += AT_ONCE)
      await Promise.all(Array.from({ length: Math.min(AT_ONCE, TRIALS - done) }, trial));
  }

  it(
    `a members replace (PUT) and a concurrent add (PATCH) of another member, ${TRIALS} times: ` +
      "the result is their commit order's",
    async () => {
      const outcomes = { putLast: 0, patchLast: 0 };
      await trials(async () => {
        const [a, b, x] = [await given.newUser(), await given.newUser(), await given.newUser()];
        const { groupId } = await group([a]);
        const [put, patch] = await Promise.all([replaceMembersWith(groupId, b), addMember(groupId, x)]);
        const final = await members(groupId, [a, b, x]);
        if (put.lastGlobalPosition > patch.lastGlobalPosition) {
          outcomes.putLast++;
          expect(final).toEqual([b].sort());
        } else {
          outcomes.patchLast++;
          expect(final).toEqual([b, x].sort());
        }
      });
      expect(outcomes.putLast + outcomes.patchLast).toBe(TRIALS);
    },
  );

  it(
    `a members replace under If-Match and a concurrent add, ${TRIALS} times: ` +
      'the replace never succeeds after a change it did not see',
    async () => {
      const outcomes = { refused: 0, putFirst: 0 };
      await trials(async () => {
        const [a, b, x] = [await given.newUser(), await given.newUser(), await given.newUser()];
        const { groupId, created } = await group([a]);
        const etag = (await wm.store.readLastEvent(groupMembershipStream(tenantId, groupId)))!.globalPosition;
        expect(etag).toBe(created.lastGlobalPosition);
        const [put, patch] = await Promise.allSettled([replaceMembersWith(groupId, b, etag), addMember(groupId, x)]);
        expect(patch.status).toBe('fulfilled');
        const final = await members(groupId, [a, b, x]);
        if (put.status === 'rejected') {
          outcomes.refused++;
          expect(put.reason).toMatchObject({ code: 'precondition_failed' });
          expect(final).toEqual([a, x].sort());
        } else {
          // It succeeded only because it committed first.
          outcomes.putFirst++;
          expect(put.value.lastGlobalPosition).toBeLessThan(
            (patch as PromiseFulfilledResult<WriteResult>).value.lastGlobalPosition,
          );
          expect(final).toEqual([b, x].sort());
        }
      });
      expect(outcomes.refused + outcomes.putFirst).toBe(TRIALS);
    },
  );

  it(
    `adding a member while the user is deleted, ${TRIALS} times: ` +
      'never a membership that starts after the deletion',
    async () => {
      const outcomes = { addedFirst: 0, refused: 0 };
      await trials(async () => {
        const [a, x] = [await given.newUser(), await given.newUser()];
        const { groupId } = await group([a]);
        const [add, del] = await Promise.allSettled([addMember(groupId, x), given.deleteUser({ userId: x })]);
        expect(del.status).toBe('fulfilled');
        const deletedAt = (await wm.store.readLastEvent(userStream(tenantId, x)))!;
        expect(deletedAt.type).toBe('UserDeleted');
        const membership = await wm.store.readStream(membershipStream(tenantId, groupId, x));
        if (add.status === 'fulfilled') {
          outcomes.addedFirst++;
          expect(membership).toHaveLength(1);
          expect(membership[0].globalPosition).toBeLessThan(deletedAt.globalPosition);
        } else {
          outcomes.refused++;
          expect(add.reason).toMatchObject({ code: 'invalid_value' });
          expect(membership).toEqual([]);
        }
      });
      expect(outcomes.addedFirst + outcomes.refused).toBe(TRIALS);
    },
  );
});
