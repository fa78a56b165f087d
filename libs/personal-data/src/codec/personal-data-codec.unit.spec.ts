import type { EventToAppend, RecordedEvent } from '@lib/event-store';
import { InMemoryDataKeys } from '../testing/in-memory-data-keys';
import { PersonalDataIntegrityError } from './envelope';
import { PersonalDataCodec } from './personal-data-codec';

const metadata = {
  tenantId: 'acme',
  actor: { kind: 'system' as const },
  requestId: 'r',
  correlationId: 'r',
  causationId: 'r',
  occurredAt: '2026-01-01T00:00:00.000Z',
  schemaVersion: 1,
};
const ada = {
  userName: 'ada@example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ value: 'ada@example.com' }],
};

/** An event of the tenant `acme` (the metadata's). */
function event(type: string, data: Record<string, unknown>, eventId = `e-${type}`): EventToAppend {
  return { eventId, type, data: { tenantId: 'acme', ...data }, metadata };
}

/** A codec over its own in-memory keys (`keys`, to destroy one or count the writes). */
function newCodec(keys = new InMemoryDataKeys()): { keys: InMemoryDataKeys; codec: PersonalDataCodec } {
  return { keys, codec: new PersonalDataCodec(keys) };
}

function recorded(stored: EventToAppend, position = 1): RecordedEvent {
  return {
    ...stored,
    streamId: 'user-acme:u1',
    streamRevision: position - 1,
    globalPosition: position,
    recordedAt: new Date(0),
  };
}

describe('the personal-data codec', () => {
  /** What a provisioning keeps in clear: ids and status. */
  const inClear = { tenantId: 'acme', userId: 'u1', active: true };
  const provisioned = event('UserProvisioned', {
    ...inClear,
    userName: ada.userName,
    externalId: 'okta-17',
    resource: ada,
  });

  it('stores ids and status in clear and the personal attributes only as ciphertext', async () => {
    const { codec } = newCodec();
    const [stored] = await codec.encode([provisioned]);
    const text = JSON.stringify(stored!.data);
    expect(text).not.toMatch(/ada@|Lovelace|okta-17/);
    expect(stored!.data).toMatchObject({ ...inClear, personalData: { v: 1 } });
    expect(stored!.eventId).toBe(provisioned.eventId);
  });

  it('reads back the data as decided, with the envelope attached', async () => {
    const { codec } = newCodec();
    const [stored] = await codec.encode([provisioned]);
    const [read] = await codec.decode([recorded(stored!)]);
    const { personalData, ...data } = read!.data;
    expect(data).toEqual(provisioned.data);
    expect(personalData).toEqual(stored!.data.personalData);
  });

  it(
    "a member's display sent with an add is sealed under the member's key and erased with it; an add without one " +
      'stays as it is',
    async () => {
      const { keys, codec } = newCodec();
      const withDisplay = event('GroupMembersAdded', {
        groupId: 'g1',
        memberIds: ['u1'],
        displays: { u1: 'ada@example.com' },
      });
      const without = event('GroupMembersAdded', { groupId: 'g1', memberIds: ['u2'], displays: {} }, 'e-plain');
      const [sealed, plain] = await codec.encode([withDisplay, without]);
      expect(JSON.stringify(sealed!.data)).not.toContain('ada@');
      expect(sealed!.data).toMatchObject({
        tenantId: 'acme',
        groupId: 'g1',
        memberIds: ['u1'],
        personalData: { v: 1 },
      });
      expect(plain).toEqual(without);
      const [read] = await codec.decode([recorded(sealed!)]);
      expect(read!.data).toMatchObject({ memberIds: ['u1'], displays: { u1: 'ada@example.com' } });
      await keys.destroy({ tenantId: 'acme', userId: 'u1' });
      const [erased] = await codec.decode([recorded(sealed!)]);
      expect(erased!.data).toMatchObject({ groupId: 'g1', memberIds: ['u1'], displays: {}, erased: true });
    },
  );

  it('reads as erased, not as an error, once the key is destroyed', async () => {
    const { keys, codec } = newCodec();
    const [stored] = await codec.encode([provisioned]);
    await keys.destroy({ tenantId: 'acme', userId: 'u1' });
    const [read] = await codec.decode([recorded(stored!)]);
    expect(read!.data).toMatchObject({ ...inClear, userName: '', externalId: null, resource: {}, erased: true });
  });

  it('never writes personal data of an erased person again', async () => {
    const { keys, codec } = newCodec();
    await keys.destroy({ tenantId: 'acme', userId: 'u1' });
    const [stored] = await codec.encode([
      event('UserNameReleased', { userId: 'u1', userName: 'ada@example.com', reason: 'stale' }),
    ]);
    expect(JSON.stringify(stored!.data)).not.toContain('ada@');
    const [read] = await codec.decode([recorded(stored!)]);
    expect(read!.data).toEqual({ tenantId: 'acme', userId: 'u1', reason: 'stale', userName: '', erased: true });
  });

  it('refuses a ciphertext moved to another event (the key exists: that is tampering, not erasure)', async () => {
    const { codec } = newCodec();
    const [stored] = await codec.encode([provisioned]);
    const moved = recorded({ ...stored!, eventId: 'e-other' });
    await expect(codec.decode([moved])).rejects.toThrow(PersonalDataIntegrityError);
  });

  it('passes events without personal data and events stored in clear unchanged, one key lookup per batch', async () => {
    const { keys, codec } = newCodec();
    const group = event('GroupCreated', { groupId: 'g1', displayName: 'Admins', externalId: null, resource: {} });
    const erased = event('UserErased', { userId: 'u1' });
    const encoded = await codec.encode([
      group,
      erased,
      provisioned,
      event('UserDeactivated', { userId: 'u1', userName: ada.userName }),
    ]);
    expect(encoded[0]).toBe(group);
    expect(encoded[1]).toBe(erased);
    expect(keys.writes).toBe(1);
    const legacy = recorded(provisioned);
    expect((await codec.decode([legacy]))[0]).toBe(legacy);
  });

  describe('the sealed view (followers that never use a personal value)', () => {
    it('gives the event as stored, envelope attached, without reading a key', async () => {
      const { keys, codec } = newCodec();
      const [stored] = await codec.encode([provisioned]);
      const forReading = jest.spyOn(keys, 'forReading');
      const [sealed] = codec.sealedView([recorded(stored!)]);
      expect(forReading).not.toHaveBeenCalled();
      expect(JSON.stringify(sealed!.data)).not.toMatch(/ada@|Lovelace|okta-17/);
      expect(sealed!.data).toEqual({ ...inClear, personalData: stored!.data.personalData });
    });

    it('keeps the paths of a change, not its values, as an erasure does', async () => {
      const { keys, codec } = newCodec();
      const change = { path: 'name.familyName', before: 'Lovelace', after: 'Byron' };
      const [stored] = await codec.encode([
        event('UserUpdated', { userId: 'u1', userName: ada.userName, resource: ada, changes: [change] }),
      ]);
      const [sealed] = codec.sealedView([recorded(stored!)]);
      expect(sealed!.data.changes).toEqual([{ path: 'name.familyName' }]);
      await keys.destroy({ tenantId: 'acme', userId: 'u1' });
      const [erased] = await codec.decode([recorded(stored!)]);
      expect((erased!.data.changes as Array<{ path: string }>).map((c) => c.path)).toEqual(['name.familyName']);
    });

    it('reads an event stored for an already erased person as decode does, and clear events unchanged', async () => {
      const { keys, codec } = newCodec();
      await keys.destroy({ tenantId: 'acme', userId: 'u1' });
      const [stored] = await codec.encode([
        event('UserNameReleased', { userId: 'u1', userName: 'ada@example.com', reason: 'stale' }),
      ]);
      const [decoded] = await codec.decode([recorded(stored!)]);
      expect(codec.sealedView([recorded(stored!)])[0]!.data).toEqual(decoded!.data);
      const legacy = recorded(provisioned);
      expect(codec.sealedView([legacy])[0]).toBe(legacy);
    });
  });
});
