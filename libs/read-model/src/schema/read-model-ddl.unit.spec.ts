import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModelDdlV1 } from '../migrations/read-model-ddl-v1';
import { readModelDdl, type ReadModelDdl } from './read-model-ddl';

/** A version's statements as the migration runs them, one after the other. */
function script(ddl: ReadModelDdl): string {
  return [...ddl.tables, ...ddl.indexes].join(';\n') + ';\n';
}

/** The SQL a migration ran when it shipped, checked in beside this spec (recorded/). */
function recorded(version: string): string {
  return readFileSync(join(__dirname, 'recorded', `read-model-${version}.sql`), 'utf8');
}

describe('read-model DDL: frozen with the migrations that run it', () => {
  // Recorded from the SQL the migrations ran when they shipped (unchanged up to commit d564e01, before
  // the tables of both versions came from one function). A changed shape is a new version, not an edit.
  it.each([
    ['v1', 'migration 1731000000000', readModelDdlV1()],
    ['v2', 'migration 1765200000000', readModelDdl('public')],
  ])('%s (%s) creates exactly the SQL it always did', (version, _migration, ddl) => {
    expect(script(ddl)).toBe(recorded(version));
  });

  it('v2 tables are the v1 tables with a stored folded twin after the caseExact=false columns', () => {
    const withoutFolded = readModelDdl('public').tables.map((statement) =>
      statement
        .replace(/\n {6}\w+_fold text GENERATED ALWAYS AS \(scim_fold\(\w+\)\) STORED,/g, '')
        .replace(/, value_fold text GENERATED ALWAYS AS \(scim_fold\(value\)\) STORED/g, '')
        .replace(/"public"\."(\w+)_v2"/g, 'public."$1_v1"'),
    );
    expect(withoutFolded).toEqual(readModelDdlV1().tables);
  });

  it('a rebuild schema gets the same statements as the live tables, in its own schema', () => {
    const rebuild = readModelDdl('rm_build_1');
    const live = readModelDdl('public');
    const inPublic = (statement: string) => statement.replaceAll('"rm_build_1".', '"public".');
    expect([...rebuild.tables, ...rebuild.indexes].map(inPublic)).toEqual([...live.tables, ...live.indexes]);
  });
});
