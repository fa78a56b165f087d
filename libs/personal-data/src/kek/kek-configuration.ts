import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { KEY_BYTES } from '../crypto/aes-gcm';
import { KeyEncryptionKeyError } from './key-encryption-key-provider';
import { LocalKeyEncryptionKeys } from './local-key-encryption-keys';

/** The settings of README "Configuration" that choose the key-encryption key. */
export interface KekSettings {
  NODE_ENV?: string;
  DATABASE_URL?: string;
  DATA_DIR: string;
  KEY_ENCRYPTION_KEY?: string;
  KEY_ENCRYPTION_KEY_FILE?: string;
  KEY_ENCRYPTION_KEY_PREVIOUS?: string;
}

export const GENERATED_KEK_FILE = 'key-encryption-key';

/**
 * The KEKs the configuration names, checked now so that a bad value stops the start with one
 * line naming the variable:
 * - `KEY_ENCRYPTION_KEY`: 32 bytes, base64 (`openssl rand -base64 32`), e.g. from a Secret;
 * - or `KEY_ENCRYPTION_KEY_FILE`: a file holding that text (a mounted secret); it must exist;
 * - neither: `<DATA_DIR>/key-encryption-key`, created on first start (mode 600). Refused in
 *   production with an external database, where a container's DATA_DIR would lose it.
 * `KEY_ENCRYPTION_KEY_PREVIOUS`: comma-separated keys that still unwrap (during a rotation).
 */
export function keyEncryptionKeysFromSettings(settings: KekSettings): { keys: LocalKeyEncryptionKeys; source: string } {
  const previous = (settings.KEY_ENCRYPTION_KEY_PREVIOUS ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((text, i) => decodeKey(text, `KEY_ENCRYPTION_KEY_PREVIOUS (key ${i + 1})`));
  if (settings.KEY_ENCRYPTION_KEY && settings.KEY_ENCRYPTION_KEY_FILE) {
    throw new KeyEncryptionKeyError('KEY_ENCRYPTION_KEY and KEY_ENCRYPTION_KEY_FILE: set one of them, not both');
  }
  if (settings.KEY_ENCRYPTION_KEY) {
    return {
      keys: new LocalKeyEncryptionKeys(decodeKey(settings.KEY_ENCRYPTION_KEY, 'KEY_ENCRYPTION_KEY'), previous),
      source: 'KEY_ENCRYPTION_KEY',
    };
  }
  if (settings.KEY_ENCRYPTION_KEY_FILE) {
    const file = resolve(settings.KEY_ENCRYPTION_KEY_FILE);
    if (!existsSync(file))
      throw new KeyEncryptionKeyError(
        `KEY_ENCRYPTION_KEY_FILE=${JSON.stringify(settings.KEY_ENCRYPTION_KEY_FILE)}: no such file`,
      );
    return {
      keys: new LocalKeyEncryptionKeys(
        decodeKey(readFileSync(file, 'utf8'), `KEY_ENCRYPTION_KEY_FILE (${file})`),
        previous,
      ),
      source: file,
    };
  }
  if (settings.NODE_ENV === 'production' && settings.DATABASE_URL) {
    throw new KeyEncryptionKeyError(
      'KEY_ENCRYPTION_KEY or KEY_ENCRYPTION_KEY_FILE is required in production (a key generated into DATA_DIR would ' +
        "be lost with the container, and every person's data with it; see docs/erasure.md)",
    );
  }
  const file = resolve(join(settings.DATA_DIR, GENERATED_KEK_FILE));
  return { keys: new LocalKeyEncryptionKeys(readOrCreateKeyFile(file), previous), source: file };
}

function decodeKey(text: string, variable: string): Buffer {
  const trimmed = text.trim();
  if (/change-me/i.test(trimmed))
    throw new KeyEncryptionKeyError(
      `${variable}: still the placeholder of deploy/k8s/config.yaml; set the output of openssl rand -base64 32`,
    );
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)
    ? Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    : Buffer.alloc(0);
  if (key.length !== KEY_BYTES)
    throw new KeyEncryptionKeyError(
      `${variable}: must be ${KEY_BYTES} random bytes in base64 (openssl rand -base64 32)`,
    );
  return key;
}

/**
 * The generated key file: written to a temporary file and linked into place, so that several
 * processes starting at once agree on one key (the first link wins; the others read it).
 */
function readOrCreateKeyFile(file: string): Buffer {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(temporary, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600 });
    try {
      linkSync(temporary, file);
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return decodeKey(readFileSync(file, 'utf8'), `the generated key-encryption key (${file})`);
}
