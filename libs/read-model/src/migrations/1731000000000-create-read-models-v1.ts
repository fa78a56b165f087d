import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CHECKPOINT_DDL } from '../schema/read-model-ddl';
import { readModelDdlV1 } from './read-model-ddl-v1';

/** SCIM read models v1 (users with emails/phones/addresses, groups, memberships) and checkpoints. */
export class CreateReadModelsV11731000000000 implements MigrationInterface {
  name = 'CreateReadModelsV11731000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The embedded PostgreSQL ships pg_trgm; the trigram indexes make co/sw/ew filters indexable.
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query(CHECKPOINT_DDL);
    const ddl = readModelDdlV1();
    for (const statement of [...ddl.tables, ...ddl.indexes]) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP TABLE IF EXISTS scim_group_members_v1, scim_groups_v1, scim_user_addresses_v1, ' +
        'scim_user_phone_numbers_v1, scim_user_emails_v1, scim_users_v1',
    );
    await queryRunner.query('DROP TABLE IF EXISTS projector_checkpoints');
  }
}
