import { sqlMigration } from '../../../platform/src/database/sql-migration';

/**
 * The data keys of crypto-shredding (docs/erasure.md): one row per (tenant, user), holding the
 * AES-256 data key wrapped by a key-encryption key that never enters the database. Erasure
 * destroys the key: `kek_id` and `wrapped_key` become NULL and `erased_at` is set (the row stays
 * as a tombstone, so nothing personal of that user is ever encrypted again).
 */
export const CreatePersonalDataKeys1765800000000 = sqlMigration('CreatePersonalDataKeys1765800000000', {
  up: [
    `
      CREATE TABLE personal_data_keys (
        tenant_id text NOT NULL,
        user_id text NOT NULL,
        kek_id text,
        wrapped_key bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        PRIMARY KEY (tenant_id, user_id),
        CHECK ((erased_at IS NULL) = (wrapped_key IS NOT NULL) AND (kek_id IS NULL) = (wrapped_key IS NULL))
      )`,
    // Start-up checks and rotation ask which KEKs wrap live keys.
    `CREATE INDEX personal_data_keys_kek ON personal_data_keys (kek_id) WHERE kek_id IS NOT NULL`,
  ],
  down: [`DROP TABLE personal_data_keys`],
});
