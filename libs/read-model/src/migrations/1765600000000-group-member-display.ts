import type { MigrationInterface, QueryRunner } from 'typeorm';
import { groupMemberDisplayDdl } from '../schema/read-model-ddl';
import { TableNames } from '../schema/table-names';

/**
 * A group member's `display` as the client sent it with the add (issue 15: member sub-attributes
 * are immutable once set, RFC 7643 §4.2). Memberships projected before had none (their events
 * carried none), so NULL is right for every existing row and the read model needs no replay.
 */
export class GroupMemberDisplay1765600000000 implements MigrationInterface {
  name = 'GroupMemberDisplay1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(groupMemberDisplayDdl('public'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE public."${TableNames.groupMembers}" DROP COLUMN IF EXISTS display`);
  }
}
