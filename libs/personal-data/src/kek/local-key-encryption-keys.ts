import { createHash } from 'node:crypto';
import { fromBytes, KEY_BYTES, open, seal, toBytes } from '../crypto/aes-gcm';
import { KeyEncryptionKeyError, type KeyEncryptionKeyProvider, type WrappedKey } from './key-encryption-key-provider';

/**
 * KEKs held in this process's memory: the current one (wraps) and previous ones (still unwrap,
 * during a rotation). Each is named by a fingerprint of its bytes, so a stored data key says
 * which KEK it needs and a missing KEK is found at start, not at the first read.
 */
export class LocalKeyEncryptionKeys implements KeyEncryptionKeyProvider {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== KEY_BYTES)
        throw new KeyEncryptionKeyError(`a key-encryption key must be ${KEY_BYTES} bytes, got ${key.length}`);
      this.keys.set(kekFingerprint(key), key);
    }
    this.currentKeyId = kekFingerprint(current);
  }

  canUnwrap(kekId: string): boolean {
    return this.keys.has(kekId);
  }

  async wrap(dataKey: Buffer, context: string): Promise<WrappedKey> {
    const kek = this.keys.get(this.currentKeyId)!;
    return { kekId: this.currentKeyId, wrapped: toBytes(seal(kek, dataKey, Buffer.from(context, 'utf8'))) };
  }

  async unwrap(key: WrappedKey, context: string): Promise<Buffer> {
    const kek = this.keys.get(key.kekId);
    if (!kek)
      throw new KeyEncryptionKeyError(`data key wrapped by key-encryption key ${key.kekId}, which is not configured`);
    try {
      return open(kek, fromBytes(key.wrapped), Buffer.from(context, 'utf8'));
    } catch {
      throw new KeyEncryptionKeyError(
        `a data key wrapped by ${key.kekId} does not unwrap (corrupted, or stored under another owner)`,
      );
    }
  }
}

/** `local:` and 16 hex digits of SHA-256 over a label and the key: names the key, reveals nothing of it. */
export function kekFingerprint(key: Buffer): string {
  return `local:${createHash('sha256').update('scim-key-encryption-key\0').update(key).digest('hex').slice(0, 16)}`;
}
