import type { Filter } from '@lib/scim';
import { GroupQueries, UserQueries } from '@lib/read-model';
import { useReadModelFixture } from './support/read-model-fixture';

/**
 * Issue 20 §2: a list started its COUNT, then refused sortBy, and nobody awaited the COUNT, whose
 * database error became an unhandled rejection that ended the process. A list that refuses its
 * request must leave no query behind.
 */
describe('a list refused for its sortBy leaves no query behind', () => {
  const fixture = useReadModelFixture();

  // A filter the database rejects (22009: a date outside its range); the gateway refuses it
  // earlier since, so it is built here directly to reach the query.
  const failingFilter: Filter = {
    kind: 'comparison',
    path: { attribute: 'meta', subAttribute: 'created' },
    operator: 'lt',
    value: '-271821-04-20T00:00:00Z',
  };

  it.each([
    ['users', () => new UserQueries(fixture.pool)],
    ['groups', () => new GroupQueries(fixture.pool)],
  ])('%s: the refusal is the answer, and no rejection goes unhandled', async (_name, queries) => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      for (const options of [{ count: 10 }, { count: 0 }, { count: 10, cursor: '' }]) {
        await expect(
          queries().list('tenant-a', { filter: failingFilter, sortBy: 'nope', ...options }),
        ).rejects.toMatchObject({ status: 400, scimType: 'invalidValue' });
      }
      // The abandoned COUNT would fail within milliseconds: wait well past that.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(unhandled).toEqual([]);
    } finally {
      process.removeListener('unhandledRejection', listener);
    }
  });
});
