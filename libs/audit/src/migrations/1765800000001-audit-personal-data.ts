import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Crypto-shredding in the audit (docs/erasure.md): a record of a change with personal values
 * chains the event's ciphertext (`sealed`, never altered) instead of clear values; a userName
 * row of such an event holds no name (it is read from the record's ciphertext); and every erased
 * person has a row, so answers mark them erased.
 */
export class AuditPersonalData1765800000001 implements MigrationInterface {
  name = 'AuditPersonalData1765800000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_records_v1 ADD COLUMN sealed jsonb`);
    await queryRunner.query(`ALTER TABLE audit_user_names_v1 ALTER COLUMN user_name DROP NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE audit_erasures_v1 (
        tenant_id text NOT NULL,
        user_id text NOT NULL,
        erased_at timestamptz NOT NULL,
        event_id uuid NOT NULL,
        position bigint NOT NULL,
        PRIMARY KEY (tenant_id, user_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_erasures_v1`);
    await queryRunner.query(`ALTER TABLE audit_records_v1 DROP COLUMN sealed`);
  }
}
