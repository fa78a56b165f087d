import { userStream, type JsonObject } from '@lib/domain';
import { testEvent } from '../../../libs/event-store/src/testing/contract';
import { beforeEachAppend, commandsFor, useWriteModel } from './harness';

// The project-level testTimeout does not reach tests under jest 30's projects; real servers need more than 5 s.
jest.setTimeout(60_000);

describe('write model: a PATCH that loses a race is re-applied, not overwritten', () => {
  /** Slips one foreign event into the target stream just before the handler's first append to it. */
  let interfere: { streamId: string; event: ReturnType<typeof testEvent> } | null = null;
  const wm = useWriteModel({
    store: (inner) =>
      beforeEachAppend(inner, async (requests) => {
        const pending = interfere;
        if (pending && requests.some((r) => r.streamId === pending.streamId)) {
          interfere = null;
          await inner.append(pending.streamId, 'any', [pending.event]);
        }
      }),
  });
  const tenantId = 'tenant-p';
  const commands = commandsFor(wm, tenantId);

  it('calls the patch again on the newer state and keeps both changes', async () => {
    const userId = await commands.newUser({ userName: 'p@x.com', title: 'Dev' });
    const concurrent: JsonObject = { userName: 'p@x.com', title: 'Lead' };
    const event = testEvent('UserUpdated', {
      tenantId,
      userId,
      userName: 'p@x.com',
      changes: [{ path: 'title', before: 'Dev', after: 'Lead' }],
      resource: concurrent,
    });
    interfere = { streamId: userStream(tenantId, userId), event };
    const seen: JsonObject[] = [];
    const result = await commands.patchUser({
      userId,
      resource: (current) => (seen.push(current), { ...current, nickName: 'Ada' }),
    });
    expect(seen.map((c) => c.title)).toEqual(['Dev', 'Lead']);
    expect(result).toMatchObject({ revision: 2, version: '2', changed: true });
    const [last] = (await wm.store.readStream(userStream(tenantId, userId))).slice(-1);
    expect(last.data).toMatchObject({
      changes: [{ path: 'nickName', before: null, after: 'Ada' }],
      resource: { title: 'Lead', nickName: 'Ada' },
    });
  });
});
