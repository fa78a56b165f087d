import type { QueryRunner } from 'typeorm';
import { sqlMigration } from './sql-migration';

describe('sqlMigration', () => {
  const Migration = sqlMigration('CreateThings1765000000009', {
    up: ['CREATE TABLE a (id int)', 'CREATE INDEX a_id ON a (id)'],
    down: ['DROP TABLE a'],
  });

  it('is named like a migration class, for TypeORM (timestamp at the end) and for lists filtered by name', () => {
    expect([Migration.name, new Migration().name]).toEqual(['CreateThings1765000000009', 'CreateThings1765000000009']);
  });

  it('runs its statements in order, one query each', async () => {
    const ran: string[] = [];
    const runner = { query: async (sql: string) => void ran.push(sql) } as unknown as QueryRunner;
    const migration = new Migration();
    await migration.up(runner);
    await migration.down(runner);
    expect(ran).toEqual(['CREATE TABLE a (id int)', 'CREATE INDEX a_id ON a (id)', 'DROP TABLE a']);
  });
});
