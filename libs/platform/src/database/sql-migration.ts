import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A TypeORM migration that runs SQL statements in order: `up`, and `down` to undo it. TypeORM reads
 * the migration's timestamp from the end of `name` (e.g. 'CreateTenancyTables1733100000000').
 *
 * Libraries import this file by its path, not through @lib/platform: libs/platform composes every
 * library's migrations (migrations.ts), so an import of its index from a migration would be a cycle.
 */
export function sqlMigration(
  name: string,
  statements: { up: readonly string[]; down: readonly string[] },
): new () => MigrationInterface {
  const run = async (queryRunner: QueryRunner, list: readonly string[]) => {
    for (const statement of list) await queryRunner.query(statement);
  };
  const migration = class implements MigrationInterface {
    readonly name = name;
    up = (queryRunner: QueryRunner) => run(queryRunner, statements.up);
    down = (queryRunner: QueryRunner) => run(queryRunner, statements.down);
  };
  // Named like the class it stands for: lists of migrations are filtered and reported by class name.
  return Object.defineProperty(migration, 'name', { value: name });
}
