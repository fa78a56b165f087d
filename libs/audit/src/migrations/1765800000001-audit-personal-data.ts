import { sqlMigration } from '../../../platform/src/database/sql-migration';

/**
 * Crypto-shredding in the audit (docs/erasure.md): a record of a change with personal values
 * chains the event's ciphertext (`sealed`, never altered) instead of clear values; a userName
 * row of such an event holds no name (it is read from the record's ciphertext); and every erased
 * person has a row, so answers mark them erased.
 */
export const AuditPersonalData1765800000001 = sqlMigration('AuditPersonalData1765800000001', {
  up: [
    `ALTER TABLE audit_records_v1 ADD COLUMN sealed jsonb`,
    `ALTER TABLE audit_user_names_v1 ALTER COLUMN user_name DROP NOT NULL`,
    `
      CREATE TABLE audit_erasures_v1 (
        tenant_id text NOT NULL,
        user_id text NOT NULL,
        erased_at timestamptz NOT NULL,
        event_id uuid NOT NULL,
        position bigint NOT NULL,
        PRIMARY KEY (tenant_id, user_id)
      )`,
  ],
  down: [`DROP TABLE audit_erasures_v1`, `ALTER TABLE audit_records_v1 DROP COLUMN sealed`],
});
