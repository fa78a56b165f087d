import { randomUUID } from 'node:crypto';
import { userNameReservationStream, userStream, type JsonObject } from '@lib/domain';
import { commandsFor, useWriteModel } from './harness';

// The project-level testTimeout does not reach tests under jest 30's projects; real servers need more than 5 s.
jest.setTimeout(60_000);

describe('write model: users on PostgreSQL', () => {
  const wm = useWriteModel();
  const tenantId = 'tenant-a';
  const when = commandsFor(wm, tenantId);
  const provision = (userName: string, extra: JsonObject = {}) =>
    when.provisionUser({ userId: randomUUID(), resource: { userName, ...extra } });
  const types = async (streamId: string) => (await wm.store.readStream(streamId)).map((e) => e.type);

  it('provisions a user: UserNameReserved and UserProvisioned in one append, with metadata', async () => {
    const result = await provision('ada@example.com', { name: { givenName: 'Ada' } });
    expect(result).toMatchObject({ revision: 0, version: '0', changed: true });
    expect(await types(userStream(tenantId, result.id))).toEqual(['UserProvisioned']);
    const [reserved] = await wm.store.readStream(userNameReservationStream(tenantId, 'ADA@example.com'));
    expect(reserved).toMatchObject({ type: 'UserNameReserved', data: { userId: result.id } });
    expect(reserved.metadata).toMatchObject({
      tenantId,
      actor: { keyId: 'key-1', idpProfile: 'okta' },
      schemaVersion: 1,
    });
    expect(result.lastGlobalPosition).toBe(reserved.globalPosition + 1);
  });

  it('rejects a taken userName in another case with uniqueness', async () => {
    await provision('Grace@example.com');
    await expect(provision('grace@EXAMPLE.com')).rejects.toMatchObject({ code: 'uniqueness' });
  });

  it('keeps userNames of different tenants apart', async () => {
    await provision('same@example.com');
    const other = commandsFor(wm, 'tenant-b').provisionUser({
      userId: randomUUID(),
      resource: { userName: 'same@example.com' },
    });
    await expect(other).resolves.toMatchObject({ changed: true });
  });

  it('writes nothing for a PUT that changes nothing', async () => {
    const { id } = await provision('noop@example.com', { title: 'Dev' });
    const head = await wm.store.headPosition();
    const result = await when.replaceUser({
      userId: id,
      resource: { userName: 'noop@example.com', title: 'Dev', active: true },
    });
    expect(result).toMatchObject({ changed: false, revision: 0, version: '0' });
    expect(await wm.store.headPosition()).toBe(head);
  });

  it('deactivates and reactivates through active, and records attribute deltas', async () => {
    const { id } = await provision('flip@example.com', { title: 'Dev' });
    const put = (resource: JsonObject) => when.patchUser({ userId: id, resource });
    await put({ userName: 'flip@example.com', title: 'Lead', active: false });
    await put({ userName: 'flip@example.com', title: 'Lead', active: true });
    const events = await wm.store.readStream(userStream(tenantId, id));
    expect(events.map((e) => e.type)).toEqual(['UserProvisioned', 'UserUpdated', 'UserDeactivated', 'UserReactivated']);
    expect(events[1].data.changes).toEqual([{ path: 'title', before: 'Dev', after: 'Lead' }]);
  });

  it('moves the reservation on rename: the old name is free, the new one taken', async () => {
    const { id } = await provision('old@example.com');
    const result = await when.replaceUser({ userId: id, resource: { userName: 'new@example.com' } });
    expect(result.revision).toBe(1);
    expect(await types(userNameReservationStream(tenantId, 'old@example.com'))).toEqual([
      'UserNameReserved',
      'UserNameReleased',
    ]);
    await expect(provision('NEW@example.com')).rejects.toMatchObject({ code: 'uniqueness' });
    await expect(provision('OLD@example.com')).resolves.toMatchObject({ changed: true });
  });

  it('refuses a rename onto a taken name and leaves everything as it was', async () => {
    await provision('taken@example.com');
    const { id } = await provision('mover@example.com');
    const head = await wm.store.headPosition();
    await expect(when.replaceUser({ userId: id, resource: { userName: 'Taken@example.com' } })).rejects.toMatchObject({
      code: 'uniqueness',
    });
    expect(await wm.store.headPosition()).toBe(head);
  });

  it('checks If-Match against the stream revision', async () => {
    const { id } = await provision('etag@example.com');
    const replace = (expectedVersion: string, title: string) =>
      when.replaceUser({ userId: id, resource: { userName: 'etag@example.com', title }, expectedVersion });
    await expect(replace('W/"0"', 'A')).resolves.toMatchObject({ version: '1' });
    await expect(replace('W/"0"', 'B')).rejects.toMatchObject({ code: 'precondition_failed' });
    await expect(replace('garbage', 'B')).rejects.toMatchObject({ code: 'precondition_failed' });
  });

  it('deletes: 404 afterwards, history kept, userName free again', async () => {
    const { id } = await provision('gone@example.com');
    await when.deleteUser({ userId: id });
    await expect(when.deleteUser({ userId: id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(when.replaceUser({ userId: id, resource: { userName: 'gone@example.com' } })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await types(userStream(tenantId, id))).toEqual(['UserProvisioned', 'UserDeleted']);
    await expect(provision('Gone@example.com')).resolves.toMatchObject({ changed: true });
  });
});

describe('write model: a create reads no stream when its userName was never used', () => {
  const streamsRead: string[] = [];
  const wm = useWriteModel({
    store: (inner) =>
      new Proxy(inner, {
        get: (target, key, receiver) =>
          key === 'readStream'
            ? (streamId: string, ...rest: unknown[]) => {
                streamsRead.push(streamId);
                return (target.readStream as (...args: unknown[]) => unknown)(streamId, ...rest);
              }
            : Reflect.get(target, key, receiver),
      }),
  });
  const tenantId = 'tenant-reads';
  const when = commandsFor(wm, tenantId);
  const provision = (userName: string) => when.provisionUser({ userId: randomUUID(), resource: { userName } });

  it('reserves a new name without reading, and reads the reservation once the name has history', async () => {
    streamsRead.length = 0;
    const first = await provision('fresh@example.com');
    expect(streamsRead).toEqual([]);

    // Taken: the assumption is refused by the append, the reservation is read, and the answer is uniqueness.
    await expect(provision('FRESH@example.com')).rejects.toMatchObject({ code: 'uniqueness' });
    expect(streamsRead).toContain(userNameReservationStream(tenantId, 'fresh@example.com'));

    // Released: the reservation stream exists, so the create reads it and reserves the name again.
    await when.deleteUser({ userId: first.id });
    streamsRead.length = 0;
    const again = await provision('Fresh@example.com');
    expect(streamsRead).toContain(userNameReservationStream(tenantId, 'fresh@example.com'));
    const reservation = await wm.store.readStream(userNameReservationStream(tenantId, 'fresh@example.com'));
    expect(reservation.map((e) => e.type)).toEqual(['UserNameReserved', 'UserNameReleased', 'UserNameReserved']);
    expect(reservation.at(-1)?.data).toMatchObject({ userId: again.id });
  });
});
