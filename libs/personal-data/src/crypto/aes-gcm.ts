import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM with a 96-bit random IV and a 128-bit tag (NIST SP 800-38D), from node:crypto. */
const ALGORITHM = 'aes-256-gcm';
export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Sealed {
  iv: Buffer;
  /** Ciphertext followed by the authentication tag. */
  ciphertext: Buffer;
}

export function newKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/**
 * Encrypts and authenticates `plaintext`; `aad` binds the ciphertext to its context (who, which
 * event), so a ciphertext copied into another event or under another person fails to open.
 */
export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { iv, ciphertext };
}

/** The plaintext, or an error when the key, the context or a single bit of the ciphertext is wrong. */
export function open(key: Buffer, sealed: Sealed, aad: Buffer): Buffer {
  if (sealed.iv.length !== IV_BYTES || sealed.ciphertext.length < TAG_BYTES) throw new Error('malformed ciphertext');
  const body = sealed.ciphertext.subarray(0, sealed.ciphertext.length - TAG_BYTES);
  const tag = sealed.ciphertext.subarray(sealed.ciphertext.length - TAG_BYTES);
  const decipher = createDecipheriv(ALGORITHM, key, sealed.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

/** One buffer: iv || ciphertext || tag (how a wrapped data key is stored). */
export function toBytes(sealed: Sealed): Buffer {
  return Buffer.concat([sealed.iv, sealed.ciphertext]);
}

export function fromBytes(bytes: Buffer): Sealed {
  return { iv: bytes.subarray(0, IV_BYTES), ciphertext: bytes.subarray(IV_BYTES) };
}
