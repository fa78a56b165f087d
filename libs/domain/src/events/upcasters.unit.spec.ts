import type { DomainEvent } from './domain-event';
import { UpcasterRegistry, upcasters } from './upcasters';
import { CURRENT_EVENT_VERSIONS, EventTypes } from './catalogue';
import { userNameKey, userNameReservationStream, userStream } from './stream-names';

/**
 * A worked example of a schema change: UserDeactivated v1 carried only the user id; v2 adds the
 * reason (a SCIM deactivation, before any other source existed). The registry upcasts v1 on read.
 */
describe('UpcasterRegistry', () => {
  const registry = new UpcasterRegistry({ UserDeactivated: 2 }).register('UserDeactivated', 1, (event) => ({
    type: 'UserDeactivated',
    version: 2,
    data: { ...event.data, reason: 'scim' },
  }));

  it('brings a v1 event up to v2', () => {
    const v1: DomainEvent = { type: 'UserDeactivated', version: 1, data: { tenantId: 't', userId: 'u' } };
    expect(registry.upcast(v1)).toEqual({
      type: 'UserDeactivated',
      version: 2,
      data: { tenantId: 't', userId: 'u', reason: 'scim' },
    });
  });

  it('leaves current events and unknown types as they are', () => {
    const v2: DomainEvent = { type: 'UserDeactivated', version: 2, data: { reason: 'x' } };
    expect(registry.upcast(v2)).toBe(v2);
    const other: DomainEvent = { type: 'SomethingElse', version: 1, data: {} };
    expect(registry.upcast(other)).toBe(other);
  });

  it('chains steps and fails loudly on a missing one', () => {
    const chained = new UpcasterRegistry({ E: 3 })
      .register('E', 1, (e) => ({ ...e, version: 2, data: { ...e.data, b: 1 } }))
      .register('E', 2, (e) => ({ ...e, version: 3, data: { ...e.data, c: 1 } }));
    expect(chained.upcast({ type: 'E', version: 1, data: { a: 1 } })).toEqual({
      type: 'E',
      version: 3,
      data: { a: 1, b: 1, c: 1 },
    });
    expect(() => new UpcasterRegistry({ E: 3 }).upcast({ type: 'E', version: 1, data: {} })).toThrow(
      /no upcaster for E v1/,
    );
    expect(() => registry.register('UserDeactivated', 1, (e) => e)).toThrow(/twice/);
  });

  it('leaves events at their current version as they are', () => {
    const event: DomainEvent = { type: EventTypes.UserDeleted, version: CURRENT_EVENT_VERSIONS.UserDeleted, data: {} };
    expect(upcasters.upcast(event)).toBe(event);
  });

  it('brings GroupMembersAdded v1 (no member displays) up to v2 with none', () => {
    const v1: DomainEvent = {
      type: 'GroupMembersAdded',
      version: 1,
      data: { tenantId: 't', groupId: 'g', memberIds: ['u'] },
    };
    expect(CURRENT_EVENT_VERSIONS.GroupMembersAdded).toBe(2);
    expect(upcasters.upcast(v1)).toEqual({
      type: 'GroupMembersAdded',
      version: 2,
      data: { tenantId: 't', groupId: 'g', memberIds: ['u'], displays: {} },
    });
  });
});

describe('stream names', () => {
  it('meets on one reservation stream for every case spelling of a userName', () => {
    expect(userNameReservationStream('t1', 'Ada@Example.COM')).toBe(userNameReservationStream('t1', 'ada@example.com'));
    expect(userNameReservationStream('t1', 'ada')).toMatch(/^username-t1:[0-9a-f]{64}$/);
    expect(userNameKey('ada')).not.toBe(userNameKey('adb'));
  });

  it('keeps tenants apart', () => {
    expect(userNameReservationStream('t1', 'ada')).not.toBe(userNameReservationStream('t2', 'ada'));
    expect(userStream('t1', 'u1')).toBe('user-t1:u1');
  });
});
