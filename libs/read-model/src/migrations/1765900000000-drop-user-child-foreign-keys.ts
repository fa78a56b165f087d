import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropUserChildForeignKeysDdl, USER_CHILD_TABLES } from '../schema/read-model-ddl';
import { qualifiedTables } from '../schema/table-names';

/**
 * Drops the foreign keys from the user child tables (emails, phone numbers, addresses) to the users table (issue 13:
 * they cost a locking lookup of the user per child row). The projector now deletes a user's child rows itself, with
 * the user row. No data changes; no replay.
 */
export class DropUserChildForeignKeys1765900000000 implements MigrationInterface {
  name = 'DropUserChildForeignKeys1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of dropUserChildForeignKeysDdl('public')) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const tables = qualifiedTables('public');
    for (const key of USER_CHILD_TABLES) {
      await queryRunner.query(
        `ALTER TABLE ${tables[key]} ADD FOREIGN KEY (tenant_id, user_id) REFERENCES ${tables.users} (tenant_id, id) ` +
          'ON DELETE CASCADE',
      );
    }
  }
}
