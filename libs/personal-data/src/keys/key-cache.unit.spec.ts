import { ERASED } from './data-keys';
import { KeyCache } from './key-cache';

describe('the data-key cache', () => {
  it('keeps at most maxEntries, evicting the least recently used', () => {
    const cache = new KeyCache({ maxEntries: 2, ttlMs: 1000 });
    cache.set('a', Buffer.from('a'));
    cache.set('b', Buffer.from('b'));
    cache.get('a');
    cache.set('c', Buffer.from('c'));
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
  });

  it('forgets a key after the ttl, but never forgets an erasure', () => {
    let now = 0;
    const cache = new KeyCache({ maxEntries: 10, ttlMs: 100, now: () => now });
    cache.set('k', Buffer.from('k'));
    cache.set('e', ERASED);
    now = 101;
    expect(cache.get('k')).toBeUndefined();
    expect(cache.get('e')).toBe(ERASED);
  });
});
