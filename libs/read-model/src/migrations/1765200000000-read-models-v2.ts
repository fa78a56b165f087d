import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readModelDdl } from '../schema/read-model-ddl';
import { DROP_SCIM_FOLD, scimFoldDdl } from '../schema/scim-fold-function';
import { readModelDdlV1 } from './read-model-ddl-v1';

const V1_TABLES =
  'scim_group_members_v1, scim_groups_v1, scim_user_addresses_v1, scim_user_phone_numbers_v1, scim_user_emails_v1, ' +
  'scim_users_v1';
const V2_TABLES =
  'scim_group_members_v2, scim_groups_v2, scim_user_addresses_v2, scim_user_phone_numbers_v2, scim_user_emails_v2, ' +
  'scim_users_v2';

/**
 * SCIM read models v2: any value already in a log fits (hash and prefix indexes instead of whole
 * values in btrees), and caseExact=false means `scim_fold` (the one folding rule) everywhere.
 *
 * Creates `scim_fold`/`scim_key` and the empty v2 tables, drops v1, and starts the projection
 * `scim_read_model_v2` at position 0: the projector replays the whole log into v2 when it starts
 * (docs/read-model.md, "Upgrading to v2", says what clients see meanwhile and how a rebuild
 * shortens it).
 */
export class ReadModelsV21765200000000 implements MigrationInterface {
  name = 'ReadModelsV21765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const [{ encoding }] = await queryRunner.query('SELECT getdatabaseencoding() AS encoding');
    if (encoding !== 'UTF8')
      throw new Error(`the read model needs a UTF8 database (pg_c_utf8 folding); this one is ${encoding}`);
    for (const statement of scimFoldDdl()) await queryRunner.query(statement);
    const ddl = readModelDdl('public');
    for (const statement of [...ddl.tables, ...ddl.indexes]) await queryRunner.query(statement);
    await queryRunner.query(`DROP TABLE ${V1_TABLES}`);
    await queryRunner.query("DELETE FROM projector_checkpoints WHERE name = 'scim_read_model_v1'");
    await queryRunner.query(
      "INSERT INTO projector_checkpoints (name, position) VALUES ('scim_read_model_v2', 0) ON CONFLICT (name) DO " +
        'NOTHING',
    );
  }

  /** Back to empty v1 tables at position 0: the v1 projector replays the log into them. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS ${V2_TABLES}`);
    await queryRunner.query(DROP_SCIM_FOLD);
    const ddl = readModelDdlV1();
    for (const statement of [...ddl.tables, ...ddl.indexes]) await queryRunner.query(statement);
    await queryRunner.query("DELETE FROM projector_checkpoints WHERE name = 'scim_read_model_v2'");
    await queryRunner.query(
      "INSERT INTO projector_checkpoints (name, position) VALUES ('scim_read_model_v1', 0) ON CONFLICT (name) DO " +
        'NOTHING',
    );
  }
}
