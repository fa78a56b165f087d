import { fromBytes, newKey, open, seal, toBytes } from './aes-gcm';

describe('AES-256-GCM', () => {
  const key = newKey();
  const aad = Buffer.from('tenant\0user');

  it('opens what it sealed, with a fresh IV each time', () => {
    const a = seal(key, Buffer.from('Ada Lovelace'), aad);
    const b = seal(key, Buffer.from('Ada Lovelace'), aad);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(open(key, a, aad).toString()).toBe('Ada Lovelace');
    expect(open(key, fromBytes(toBytes(b)), aad).toString()).toBe('Ada Lovelace');
  });

  it('refuses another key, another context, and a flipped bit', () => {
    const sealed = seal(key, Buffer.from('secret'), aad);
    expect(() => open(newKey(), sealed, aad)).toThrow();
    expect(() => open(key, sealed, Buffer.from('tenant\0other'))).toThrow();
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[0] ^= 1;
    expect(() => open(key, { iv: sealed.iv, ciphertext: flipped }, aad)).toThrow();
  });
});
