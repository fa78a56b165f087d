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

describe('list queries refuse a bad request before starting any query (issue 20: an un-awaited COUNT killed the process)', () => {
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
});
