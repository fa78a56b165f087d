/**
 * @lib/personal-data — crypto-shredding of personal data (docs/erasure.md): per-person data keys
 * wrapped by a key-encryption key, the event-store decorator that encrypts personal attributes on
 * append and decrypts them on read, and the erasure that destroys a person's key.
 */
export * from './crypto/aes-gcm';
export * from './kek/key-encryption-key-provider';
export * from './kek/local-key-encryption-keys';
export * from './kek/kek-configuration';
export * from './keys/data-keys';
export * from './keys/key-cache';
export * from './keys/pg-data-keys';
export * from './codec/envelope';
export * from './codec/personal-data-codec';
export * from './codec/encrypting-event-store';
export { personalDataMigrations } from './migrations';
export { PersonalDataTables } from './migrations/table-names';
export * from './tokens';
