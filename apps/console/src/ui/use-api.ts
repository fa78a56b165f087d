import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../app/api';

interface LoadOptions {
  /** Words a failure (errorText by default). */
  describe?: (caught: unknown) => string;
  /** Drops what the view shows when a load fails, where an old answer would mislead. */
  forget?: () => void;
}

/**
 * A view's data: `fetch` runs when the view opens and again whenever it changes (wrap it in
 * useCallback with its inputs), and on `load()`. A failure becomes the view's error message.
 */
export function useLoad(fetch: () => Promise<void>, options: LoadOptions = {}) {
  const [error, setError] = useState<string>();
  const latest = useRef(options);
  latest.current = options;
  const load = useCallback(async () => {
    try {
      await fetch();
      setError(undefined);
    } catch (caught) {
      latest.current.forget?.();
      setError((latest.current.describe ?? errorText)(caught));
    }
  }, [fetch]);
  useEffect(() => void load(), [load]);
  return { load, error, setError };
}

/**
 * What the operator does on a loaded view: `run` clears the last messages, does the work,
 * announces what it returns, and loads the view again; a failure becomes the error message.
 */
export function useActions({ load, setError }: Pick<ReturnType<typeof useLoad>, 'load' | 'setError'>) {
  const [status, setStatus] = useState<string>();
  const run = async (work: () => Promise<string | void>) => {
    setError(undefined);
    setStatus(undefined);
    try {
      const message = await work();
      if (message) setStatus(message);
      await load();
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  return { status, run };
}
