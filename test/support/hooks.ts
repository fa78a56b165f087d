/**
 * Something the tests of a describe block share, made by jest hooks the helper registers itself:
 * `open` in beforeAll (or beforeEach), `close` in afterAll (or afterEach), also after a hook that
 * failed once it got as far as opening. What it returns stands for the current value, so it can
 * be named at the top of the block and used inside tests as if it were the value:
 *
 *   const fixture = useBeforeAll(createReadModelFixture, (f) => f.close());
 *   it('…', async () => { await fixture.pool.query('…'); });
 *
 * Outside a test (before the hook ran) reading it throws.
 */
export function useBeforeAll<T extends object>(
  open: () => Promise<T>,
  close: (value: T) => Promise<unknown> | unknown = () => undefined,
  timeoutMs?: number,
): T {
  return shared(beforeAll, afterAll, open, close, timeoutMs);
}

/** useBeforeAll with a fresh value for each test (beforeEach / afterEach). */
export function useBeforeEach<T extends object>(
  open: () => Promise<T>,
  close: (value: T) => Promise<unknown> | unknown = () => undefined,
  timeoutMs?: number,
): T {
  return shared(beforeEach, afterEach, open, close, timeoutMs);
}

type Hook = (fn: () => Promise<void>, timeoutMs?: number) => void;

function shared<T extends object>(
  before: Hook,
  after: Hook,
  open: () => Promise<T>,
  close: (value: T) => Promise<unknown> | unknown,
  timeoutMs?: number,
): T {
  let current: T | undefined;
  before(async () => {
    current = await open();
  }, timeoutMs);
  after(async () => {
    const value = current;
    current = undefined;
    if (value !== undefined) await close(value);
  }, timeoutMs);
  const value = (): T => {
    if (current === undefined) throw new Error('not opened: use it inside a test, after its before hook ran');
    return current;
  };
  // Methods are bound to the value itself, so a class instance (a pg Pool, a store) works through it.
  return new Proxy({} as T, {
    get(_target, key) {
      const target = value();
      const member = Reflect.get(target, key, target);
      return typeof member === 'function' ? member.bind(target) : member;
    },
    has: (_target, key) => Reflect.has(value(), key),
  });
}
