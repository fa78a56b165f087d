import { ApiKeyHasher } from './api-key-hasher';
import { generateApiKey, hashApiKey, hashDigest, parseApiKey } from './api-key';

describe('API keys', () => {
  it('have the prefix, the key id and 256 random bits in base64url', () => {
    const key = generateApiKey();
    expect(key.secret).toMatch(/^scim_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(key.secret.startsWith(`scim_${key.keyId}_`)).toBe(true);
    const secretPart = key.secret.slice(`scim_${key.keyId}_`.length);
    expect(Buffer.from(secretPart, 'base64url')).toHaveLength(32);
  });

  it('are all different', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey().secret));
    expect(keys.size).toBe(1000);
  });

  it('are stored only as a SHA-256 hash of the whole key', () => {
    const key = generateApiKey();
    expect(key.keyHash).toBe(hashApiKey(key.secret));
    expect(key.keyHash).toMatch(/^sha256:[A-Za-z0-9_-]{43}$/);
    expect(key.keyHash).not.toContain(key.secret.slice(22));
    expect(hashDigest(key.keyHash)).toHaveLength(32);
    expect(hashDigest('md5:abc')).toBeUndefined();
  });

  it('parse to their key id, and anything else to undefined', () => {
    const key = generateApiKey();
    expect(parseApiKey(key.secret)).toEqual({ keyId: key.keyId });
    for (const bad of [
      '',
      'scim_',
      `${key.secret}x`,
      key.secret.replace('scim_', 'SCIM_'),
      `scim_${'g'.repeat(16)}_${'a'.repeat(43)}`,
      ' ' + key.secret,
    ]) {
      expect(parseApiKey(bad)).toBeUndefined();
    }
  });
});

describe('ApiKeyHasher', () => {
  const key = generateApiKey();

  it('accepts the right key and rejects every other case', () => {
    const hasher = new ApiKeyHasher();
    expect(hasher.verify(key.secret, key.keyHash)).toBe(true);
    expect(hasher.verify(generateApiKey().secret, key.keyHash)).toBe(false);
    expect(hasher.verify(key.secret, undefined)).toBe(false);
    expect(hasher.verify(key.secret, 'garbage')).toBe(false);
    expect(hasher.verify('not a key', key.keyHash)).toBe(false);
  });

  it('does one hash and one constant-time compare on every path', () => {
    const hasher = new ApiKeyHasher();
    const digest = jest.spyOn(hasher, 'digest');
    const compare = jest.spyOn(hasher, 'compare');
    const cases: Array<[string, string | undefined]> = [
      [key.secret, key.keyHash],
      [generateApiKey().secret, key.keyHash],
      [key.secret, undefined],
      ['malformed', undefined],
      ['', 'sha256:short'],
    ];
    for (const [presented, stored] of cases) hasher.verify(presented, stored);
    expect(digest).toHaveBeenCalledTimes(cases.length);
    expect(compare).toHaveBeenCalledTimes(cases.length);
    for (const call of compare.mock.calls) expect(call.map((b) => b.length)).toEqual([32, 32]);
  });
});
