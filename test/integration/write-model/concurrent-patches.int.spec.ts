import { randomUUID } from 'node:crypto';
import { groupStream, userStream, type JsonObject } from '@lib/domain';
import type { AppendToStream } from '@lib/event-store';
import { beforeEachAppend, commandsFor, useWriteModel } from './harness';

// The project-level testTimeout does not reach tests under jest 30's projects; real servers need more than 5 s.
jest.setTimeout(60_000);

/**
 * Holds the first appends to one stream until `expected` of them have arrived, then lets them go
 * together: every one was decided on the same revision, so all but one lose the race.
 */
class AppendBarrier {
  private waiting: Array<() => void> = [];
  private armed: { streamId: string; expected: number } | null = null;

  arm(streamId: string, expected: number): void {
    this.armed = { streamId, expected };
  }

  pass(requests: AppendToStream[]): Promise<void> {
    const armed = this.armed;
    if (!armed || !requests.some((request) => request.streamId === armed.streamId)) return Promise.resolve();
    const held = new Promise<void>((release) => this.waiting.push(release));
    if (this.waiting.length === armed.expected) {
      this.armed = null;
      for (const release of this.waiting.splice(0)) release();
    }
    return held;
  }
}

describe('write model: concurrent PATCHes without If-Match all land (the handler re-applies the loser)', () => {
  const barrier = new AppendBarrier();
  const wm = useWriteModel({ store: (inner) => beforeEachAppend(inner, (requests) => barrier.pass(requests)) });
  const tenantId = 'tenant-cp';
  const commands = commandsFor(wm, tenantId);

  it('two user PATCHes decided on the same revision: both changes are kept', async () => {
    const userId = await commands.newUser({ userName: 'c@x.com' });
    barrier.arm(userStream(tenantId, userId), 2);
    const applied: string[] = [];
    const patch = (attribute: string, value: string) =>
      commands.patchUser({
        userId,
        resource: (current: JsonObject) => (applied.push(attribute), { ...current, [attribute]: value }),
      });
    const results = await Promise.all([patch('title', 'Lead'), patch('nickName', 'Ada')]);
    // Two first decisions, then the loser's second one on the winner's revision.
    expect(applied).toHaveLength(3);
    expect(results.map((result) => result.revision).sort()).toEqual([1, 2]);
    const [last] = (await wm.store.readStream(userStream(tenantId, userId))).slice(-1);
    expect(last.data).toMatchObject({ resource: { userName: 'c@x.com', title: 'Lead', nickName: 'Ada' } });
  });

  it('two group PATCHes planned on the same revision: both changes are kept', async () => {
    const groupId = randomUUID();
    await commands.createGroup({ groupId, resource: { displayName: 'Team' } });
    barrier.arm(groupStream(tenantId, groupId), 2);
    const planned: string[] = [];
    const patch = (attribute: string, value: string) =>
      commands.patchGroup({
        groupId,
        plan: ({ resource }) => (planned.push(attribute), { resource: { ...resource, [attribute]: value } }),
      });
    await Promise.all([patch('displayName', 'Core team'), patch('externalId', 'ext-1')]);
    expect(planned).toHaveLength(3);
    const events = await wm.store.readStream(groupStream(tenantId, groupId));
    expect(events.map((event) => event.type).sort()).toEqual(['GroupCreated', 'GroupRenamed', 'GroupUpdated']);
    const [last] = events.slice(-1);
    expect(last.data).toMatchObject({ resource: { displayName: 'Core team', externalId: 'ext-1' } });
  });

  it('with If-Match (an expected version), the loser is a 412 and is not re-applied', async () => {
    const userId = await commands.newUser({ userName: 'm@x.com' });
    barrier.arm(userStream(tenantId, userId), 2);
    let applied = 0;
    const patch = (title: string) =>
      commands.patchUser({
        userId,
        resource: (current: JsonObject) => (applied++, { ...current, title }),
        expectedVersion: '0',
      });
    const outcomes = await Promise.allSettled([patch('A'), patch('B')]);
    expect(applied).toBe(2);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({
      reason: { code: 'precondition_failed' },
    });
  });
});
