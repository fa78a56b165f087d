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
 *
 * What these helpers open is closed in reverse order of opening, whatever the order jest runs the
 * after hooks in (jest runs afterAll hooks in declaration order, so a fixture declared first would
 * otherwise be closed under the feet of what was opened on it later):
 *
 *   const fixture = useReadModelFixture();
 *   const projector = useBeforeAll(() => startedProjector(fixture), (p) => p.stop());
 *   // afterAll: projector.stop(), then fixture.close()
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

interface Opened {
  close(): Promise<unknown> | unknown;
}

/**
 * Everything opened and not yet closed, the latest last. Hooks nest (a describe block's after hooks
 * run before those of the block around it), so what lies above an entry was opened after it in the
 * same block or in a block inside it: it depends on the entry or is unrelated, and closes first.
 */
const teardown: Opened[] = [];

/** Closes `entry` and everything opened after it, latest first; every close runs even if one fails. */
async function closeDownTo(entry: Opened): Promise<void> {
  const index = teardown.indexOf(entry);
  if (index < 0) return;
  const errors: unknown[] = [];
  for (const opened of teardown.splice(index).reverse()) {
    try {
      await opened.close();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} fixtures failed to close`);
}

function shared<T extends object>(
  before: Hook,
  after: Hook,
  open: () => Promise<T>,
  close: (value: T) => Promise<unknown> | unknown,
  timeoutMs?: number,
): T {
  let current: T | undefined;
  let entry: Opened | undefined;
  before(async () => {
    const opened = await open();
    current = opened;
    entry = {
      close: () => {
        current = undefined;
        return close(opened);
      },
    };
    teardown.push(entry);
  }, timeoutMs);
  after(async () => {
    const opened = entry;
    entry = undefined;
    if (opened) await closeDownTo(opened);
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
