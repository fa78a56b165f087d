import { ContractValidator } from '../contracts/contract-validator';
import type { UserDeactivatedV2 } from '../contracts/integration-messages';
import { mapEvent } from '../mapping/map-event';
import { MembershipState } from '../mapping/membership-state';
import { toOutgoing } from '../mapping/to-outgoing';
import type { IncomingMessage } from '../ports/message';
import { RecordedEventFactory } from '../testing/recorded-events';
import { InMemoryLruSeenStore } from './seen-store';
import { TypedMessageHandler } from './typed-consumer';

const validator = new ContractValidator();

function incoming(value: string, offset = '0'): IncomingMessage {
  return { topic: 't', partition: 0, offset, key: null, value: Buffer.from(value), headers: {} };
}

describe('TypedMessageHandler', () => {
  const f = new RecordedEventFactory();
  const [lifecycle] = mapEvent(f.event('UserDeactivated', { userId: 'u1', userName: 'ada' }), new MembershipState());
  const wire = toOutgoing(lifecycle!).value.toString();

  it('calls the typed handler once per messageId (duplicates dropped)', async () => {
    const seen: UserDeactivatedV2[] = [];
    const handler = new TypedMessageHandler({
      validator,
      handlers: { 'user.deactivated': async (m) => void seen.push(m) },
    });
    expect(await handler.handle(incoming(wire, '1'))).toBe('handled');
    expect(await handler.handle(incoming(wire, '2'))).toBe('duplicate');
    expect(seen.map((m) => m.data.userId)).toEqual(['u1']);
  });

  it('sees a redelivery again when the handler failed the first time', async () => {
    let calls = 0;
    const handler = new TypedMessageHandler({
      validator,
      handlers: {
        'user.deactivated': async () => {
          calls += 1;
          if (calls === 1) throw new Error('database down');
        },
      },
    });
    await expect(handler.handle(incoming(wire))).rejects.toThrow('database down');
    expect(await handler.handle(incoming(wire))).toBe('handled');
  });

  it('reports invalid messages and messages without a handler', async () => {
    const invalid: string[][] = [];
    const handler = new TypedMessageHandler({
      validator,
      handlers: {},
      onInvalid: (_raw, problems) => void invalid.push(problems),
    });
    expect(await handler.handle(incoming('{"type":"user.deactivated","version":1}'))).toBe('invalid');
    expect(await handler.handle(incoming('not json'))).toBe('invalid');
    expect(await handler.handle(incoming(wire))).toBe('unhandled');
    expect(invalid).toHaveLength(2);
  });
});

describe('InMemoryLruSeenStore', () => {
  it('forgets the least recently used id past its capacity', async () => {
    const store = new InMemoryLruSeenStore(2);
    await store.add('a');
    await store.add('b');
    await store.has('a');
    await store.add('c');
    expect(await store.has('a')).toBe(true);
    expect(await store.has('b')).toBe(false);
    expect(store.size).toBe(2);
  });
});
