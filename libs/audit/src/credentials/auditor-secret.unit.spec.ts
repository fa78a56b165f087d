import { generateAuditorSecret, hashAuditorSecret, parseAuditorSecret } from './auditor-secret';

describe('auditor credential format', () => {
  it('is aud_<16 hex id>_<256-bit base64url secret>, stored only as its SHA-256', () => {
    const { id, secret, secretHash } = generateAuditorSecret();
    expect(secret).toMatch(/^aud_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.split('_').slice(2).join('_'), 'base64url')).toHaveLength(32);
    expect(parseAuditorSecret(secret)).toEqual({ id });
    expect(secretHash).toBe(hashAuditorSecret(secret));
    expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(secretHash).not.toContain(secret.slice(21));
  });

  it('is different every time', () => {
    const secrets = new Set(Array.from({ length: 50 }, () => generateAuditorSecret().secret));
    expect(secrets.size).toBe(50);
  });

  it.each([
    '',
    'aud_',
    'scim_0123456789abcdef_' + 'a'.repeat(43),
    'aud_0123456789ABCDEF_' + 'a'.repeat(43),
    'aud_0123456789abcdef_' + 'a'.repeat(42),
    'aud_0123456789abcdef_' + 'a'.repeat(43) + '\n',
  ])('rejects a malformed credential %j', (value) => {
    expect(parseAuditorSecret(value)).toBeUndefined();
  });
});
