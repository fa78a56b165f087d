import { InvalidFilterError, InvalidValueError, parseFilter } from '@lib/scim';
import { InvalidCursorError } from '../filter-sql/cursor';
import type { SqlExecutor } from '../projection/sql-executor';
import { UserQueries } from './user-queries';

/** A database that records what it is asked and answers nothing useful. */
function recordingDatabase(): { db: SqlExecutor; statements: string[] } {
  const statements: string[] = [];
  const db = {
    query: async (text: string) => {
      statements.push(text);
      return { rows: [{ n: '0' }], rowCount: 1 };
    },
  } as unknown as SqlExecutor;
  return { db, statements };
}

describe(
  'list queries refuse a bad request before starting any query ' + '(issue 20: an un-awaited COUNT killed the process)',
  () => {
    it.each([
      ['an unknown sortBy', { filter: parseFilter('displayName co "a"'), sortBy: 'nope' }, InvalidValueError],
      ['an unknown sortBy with count=0', { sortBy: 'nope', count: 0 }, InvalidValueError],
      ['a forged cursor', { cursor: 'not-a-cursor' }, InvalidCursorError],
      ['an invalid filter', { filter: parseFilter('nope eq "x"') }, InvalidFilterError],
    ])('%s', async (_case, options, error) => {
      const { db, statements } = recordingDatabase();
      await expect(new UserQueries(db).list('tenant', options)).rejects.toBeInstanceOf(error);
      expect(statements).toEqual([]);
    });
  },
);

describe('totalResults without a COUNT when the page proves it', () => {
  /** Answers a page of `pageRows` rows (cursor pages get sort keys) and a COUNT of 1234. */
  function pagingDatabase(pageRows: number): { db: SqlExecutor; statements: string[] } {
    const statements: string[] = [];
    const db = {
      query: async (text: string, values: unknown[] = []) => {
        // PostgreSQL refuses a statement whose parameters do not match its placeholders.
        const highest = Math.max(0, ...[...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
        if (highest !== values.length) throw new Error(`statement uses $${highest} but gets ${values.length} values`);
        statements.push(text.startsWith('SELECT count(*)') ? 'count' : 'page');
        if (text.startsWith('SELECT count(*)')) return { rows: [{ n: '1234' }], rowCount: 1 };
        const rows = Array.from({ length: pageRows }, (_, i) => ({
          resource: { id: `u${i}` },
          sort_key: `k${i}`,
          id: `u${i}`,
        }));
        return { rows, rowCount: rows.length };
      },
    } as unknown as SqlExecutor;
    return { db, statements };
  }

  it.each([
    ['a userName eq lookup that finds one user', { filter: parseFilter('userName eq "a@b.c"') }, 1, 1, ['page']],
    ['a lookup that finds nobody', { filter: parseFilter('userName eq "a@b.c"') }, 0, 0, ['page']],
    ['the last page of an index-paged list', { startIndex: 201, count: 100 }, 40, 240, ['page']],
    ['a full page', { startIndex: 1, count: 2 }, 2, 1234, ['page', 'count']],
    ['a page beyond the end', { startIndex: 5000, count: 100 }, 0, 1234, ['page', 'count']],
    ['the first cursor page that holds everything', { cursor: '', count: 10 }, 3, 3, ['page']],
    ['a first cursor page with more after it', { cursor: '', count: 2 }, 3, 1234, ['page', 'count']],
  ])('%s', async (_case, options, pageRows, total, statements) => {
    const database = pagingDatabase(pageRows);
    const result = await new UserQueries(database.db).list('tenant', options);
    expect(result.totalResults).toBe(total);
    expect(database.statements).toEqual(statements);
  });

  it('counts beside a page after a cursor, where the rows before it are unknown', async () => {
    const first = await new UserQueries(pagingDatabase(3).db).list('tenant', { cursor: '', count: 2 });
    const database = pagingDatabase(1);
    const result = await new UserQueries(database.db).list('tenant', { cursor: first.nextCursor!, count: 2 });
    expect(result.totalResults).toBe(1234);
    expect([...database.statements].sort()).toEqual(['count', 'page']);
  });
});
