import { deterministicMessageId } from './message-id';

describe('deterministicMessageId', () => {
  // Values of the first release's implementation: a message re-published by a newer release after
  // a crash must carry the id its first publication had, or consumers would not drop the duplicate.
  it('gives the ids the first release gave for the same parts', () => {
    expect(
      deterministicMessageId('6f1c0b1e-8f0e-4a57-9d2b-3c0e7f9a1b2c', 'user.deactivated', 'user', 'acme:42', ''),
    ).toBe('c3482d9b-e697-52d4-b9f0-4524eb522b9e');
    expect(deterministicMessageId('e', 'audit.change', 'group', 'g', 'members[é]')).toBe(
      '30c1bb8f-15db-57ed-afc8-ec513166a92e',
    );
  });

  it('is a version-5, RFC 9562 variant UUID that changes with any part', () => {
    const id = deterministicMessageId('event', 'audit.change', 'user', 'u1', '');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicMessageId('event', 'audit.change', 'user', 'u2', '')).not.toBe(id);
    expect(deterministicMessageId('event', 'audit.change', 'user', 'u1', 'x')).not.toBe(id);
  });
});
