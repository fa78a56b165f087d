import { createHash } from 'node:crypto';
import { readModelDdlV1 } from '../migrations/read-model-ddl-v1';
import { readModelDdl, type ReadModelDdl } from './read-model-ddl';

/** A version's statements as one digest: any change to the SQL a migration runs changes it. */
function digest(ddl: ReadModelDdl): string {
  return createHash('sha256')
    .update([...ddl.tables, ...ddl.indexes].join(';\n'))
    .digest('hex');
}

describe('read-model DDL: frozen with the migrations that run it', () => {
  // Recorded from the SQL the migrations ran when they shipped (unchanged up to commit d564e01, before
  // the tables of both versions came from one function). A changed shape is a new version, not a new digest.
  it.each([
    [
      'v1, migration 1731000000000',
      readModelDdlV1(),
      '32d1e678961bbbdd49eaef84fd3904cb7c41cd0e30809e9de11d1e95fbd19499',
    ],
    [
      'v2, migration 1765200000000',
      readModelDdl('public'),
      'f94742ed370d56d699b3e3f6870c3ed1247e74fc25b3154e28c81bc11373d2e9',
    ],
  ])('%s creates exactly the SQL it always did', (_version, ddl, recorded) => {
    expect(digest(ddl)).toBe(recorded);
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
