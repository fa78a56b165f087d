/**
 * Something the tests of a describe block share: opened in `beforeAll`, closed in `afterAll`
 * (also after a `beforeAll` that failed, if it got as far as opening it). Read it inside a test
 * as `thing()`; outside a test it does not exist yet.
 *
 *   const fixture = beforeAllClosing(createReadModelFixture, (f) => f.close());
 *   it('…', async () => { await fixture().pool.query('…'); });
 */
export function beforeAllClosing<T>(
  open: () => Promise<T>,
  close: (value: T) => Promise<unknown> | unknown,
  timeoutMs?: number,
): () => T {
  let value: T | undefined;
  let opened = false;
  beforeAll(async () => {
    value = await open();
    opened = true;
  }, timeoutMs);
  afterAll(async () => {
    if (opened) await close(value as T);
  }, timeoutMs);
  return () => {
    if (!opened) throw new Error('not opened yet: read it inside a test, after beforeAll');
    return value as T;
  };
}
