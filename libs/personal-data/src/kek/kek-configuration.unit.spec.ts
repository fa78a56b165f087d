import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATED_KEK_FILE, keyEncryptionKeysFromSettings } from './kek-configuration';
import { kekFingerprint } from './local-key-encryption-keys';

const key = () => randomBytes(32).toString('base64');

describe('key-encryption key configuration', () => {
  it('generates the embedded default once, mode 600, and reads the same key afterwards', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kek-'));
    const first = keyEncryptionKeysFromSettings({ DATA_DIR: dir });
    const file = join(dir, GENERATED_KEK_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(keyEncryptionKeysFromSettings({ DATA_DIR: dir }).keys.currentKeyId).toBe(first.keys.currentKeyId);
    expect(first.keys.currentKeyId).toBe(kekFingerprint(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')));
  });

  it('takes KEY_ENCRYPTION_KEY or an existing KEY_ENCRYPTION_KEY_FILE, and previous keys for unwrapping', async () => {
    const current = key();
    const old = key();
    const { keys } = keyEncryptionKeysFromSettings({
      DATA_DIR: '/nonexistent',
      KEY_ENCRYPTION_KEY: current,
      KEY_ENCRYPTION_KEY_PREVIOUS: ` ${old} `,
    });
    expect(keys.currentKeyId).toBe(kekFingerprint(Buffer.from(current, 'base64')));
    expect(keys.canUnwrap(kekFingerprint(Buffer.from(old, 'base64')))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'kek-'));
    writeFileSync(join(dir, 'secret'), `${current}\n`);
    expect(
      keyEncryptionKeysFromSettings({ DATA_DIR: dir, KEY_ENCRYPTION_KEY_FILE: join(dir, 'secret') }).keys.currentKeyId,
    ).toBe(keys.currentKeyId);
  });

  it('stops the start with a line naming the variable', () => {
    expect(() => keyEncryptionKeysFromSettings({ DATA_DIR: '.', KEY_ENCRYPTION_KEY: 'short' })).toThrow(
      /^KEY_ENCRYPTION_KEY: must be 32 random bytes/,
    );
    expect(() =>
      keyEncryptionKeysFromSettings({
        DATA_DIR: '.',
        KEY_ENCRYPTION_KEY: 'change-me-to-the-output-of-openssl-rand-base64-32',
      }),
    ).toThrow(/^KEY_ENCRYPTION_KEY: still the placeholder/);
    expect(() => keyEncryptionKeysFromSettings({ DATA_DIR: '.', KEY_ENCRYPTION_KEY_FILE: '/no/such/file' })).toThrow(
      /KEY_ENCRYPTION_KEY_FILE=.*no such file/,
    );
    expect(() =>
      keyEncryptionKeysFromSettings({ DATA_DIR: '.', KEY_ENCRYPTION_KEY: key(), KEY_ENCRYPTION_KEY_PREVIOUS: 'x' }),
    ).toThrow(/KEY_ENCRYPTION_KEY_PREVIOUS \(key 1\)/);
    expect(() =>
      keyEncryptionKeysFromSettings({ DATA_DIR: '.', NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' }),
    ).toThrow(/required in production/);
  });

  it('wraps under the current key and unwraps only with the same owner', async () => {
    const { keys } = keyEncryptionKeysFromSettings({ DATA_DIR: '.', KEY_ENCRYPTION_KEY: key() });
    const dataKey = randomBytes(32);
    const wrapped = await keys.wrap(dataKey, 'acme\0u1');
    expect((await keys.unwrap(wrapped, 'acme\0u1')).equals(dataKey)).toBe(true);
    await expect(keys.unwrap(wrapped, 'acme\0u2')).rejects.toThrow(/does not unwrap/);
  });
});
