/**
 * The key-encryption key (KEK) port: data keys are stored only wrapped by it, so the database
 * alone never yields a data key. The embedded default keeps the KEK in a local file
 * (LocalKeyEncryptionKeys); a KMS adapter (AWS KMS, Google Cloud KMS, Azure Key Vault, Vault
 * transit) implements the same four members with the KMS's encrypt/decrypt calls, passing
 * `context` as the KMS's encryption context / additional authenticated data.
 */
export interface WrappedKey {
  /** Which KEK wrapped it: a fingerprint (local keys) or the KMS key's id and version. */
  kekId: string;
  wrapped: Buffer;
}

export interface KeyEncryptionKeyProvider {
  /** The KEK new data keys are wrapped with (and a rewrap moves every data key to). */
  readonly currentKeyId: string;
  /** Whether a data key wrapped under `kekId` can be unwrapped here (checked at start and before a rewrap). */
  canUnwrap(kekId: string): boolean;
  /** `context` names the data key's owner; unwrapping under another context fails. */
  wrap(dataKey: Buffer, context: string): Promise<WrappedKey>;
  unwrap(key: WrappedKey, context: string): Promise<Buffer>;
}

export class KeyEncryptionKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyEncryptionKeyError';
  }
}
