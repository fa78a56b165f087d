import type { TenantState } from '@lib/domain';
import { TenantAuthCache } from './tenant-auth-cache';

/** A loader whose reads the test resolves by hand, counting them. */
function manualLoader() {
  const pending: Array<{ tenantId: string; resolve: (state: TenantState) => void; reject: (error: Error) => void }> =
    [];
  let version = 0;
  const load = jest.fn(
    (tenantId: string) =>
      new Promise<TenantState>((resolve, reject) => {
        pending.push({ tenantId, resolve, reject });
      }),
  );
  const state = (name: string): TenantState =>
    ({
      status: 'created',
      tenantId: 'acme',
      name,
      scimEnabled: true,
      idpProfile: 'generic',
      basicAuthEnabled: false,
      keys: {},
    }) as unknown as TenantState;
  return {
    load,
    /** Resolves the oldest pending read with a new version of the state. */
    answer(): TenantState {
      const next = pending.shift()!;
      const answered = state(`v${++version}`);
      next.resolve(answered);
      return answered;
    },
    fail(): void {
      pending.shift()!.reject(new Error('database down'));
    },
    get pending() {
      return pending.length;
    },
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

/** One read of `tenantId` that the loader answers at once. */
async function readThrough(cache: TenantAuthCache, loader: ReturnType<typeof manualLoader>, tenantId: string) {
  const read = cache.get(tenantId);
  loader.answer();
  await read;
}

describe('TenantAuthCache', () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000;
  });

  /** A cache over a loader the test answers by hand, already listening for tenant changes. */
  const listeningCache = (options: { ttlMs?: number; maxEntries?: number } = {}) => {
    const loader = manualLoader();
    const cache = new TenantAuthCache(loader.load, { ttlMs: 5000, ...options, now: clock });
    cache.listening();
    return { loader, cache };
  };

  it('reads through until the change listener is in place', async () => {
    const loader = manualLoader();
    const cache = new TenantAuthCache(loader.load, { ttlMs: 5000, now: clock });
    await readThrough(cache, loader, 'acme');
    const second = cache.get('acme');
    expect(loader.pending).toBe(1);
    loader.answer();
    await second;
    expect(loader.load).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
  });

  it('serves a tenant from memory once it was read while listening, and reads it again after a change', async () => {
    const { loader, cache } = listeningCache();
    const read = cache.get('acme');
    const v1 = loader.answer();
    expect(await read).toBe(v1);
    expect(await cache.get('acme')).toBe(v1);
    expect(loader.load).toHaveBeenCalledTimes(1);

    cache.changed('acme');
    const again = cache.get('acme');
    const v2 = loader.answer();
    expect(await again).toBe(v2);
    expect(loader.load).toHaveBeenCalledTimes(2);
  });

  it('shares one read among the requests that arrive while it runs', async () => {
    const { loader, cache } = listeningCache();
    const reads = [cache.get('acme'), cache.get('acme'), cache.get('acme')];
    const v1 = loader.answer();
    expect(await Promise.all(reads)).toEqual([v1, v1, v1]);
    expect(loader.load).toHaveBeenCalledTimes(1);
  });

  it(
    'does not keep a read that was in flight when the tenant changed, ' + 'and does not hand it to later requests',
    async () => {
      const { loader, cache } = listeningCache();
      const before = cache.get('acme');
      cache.changed('acme');
      const after = cache.get('acme');
      expect(loader.load).toHaveBeenCalledTimes(2);
      const stale = loader.answer();
      const fresh = loader.answer();
      expect(await before).toBe(stale);
      expect(await after).toBe(fresh);
      expect(await cache.get('acme')).toBe(fresh);
      expect(loader.load).toHaveBeenCalledTimes(2);
    },
  );

  it(
    'drops everything and reads through while the listener is lost, ' + 'and trusts again only once listening',
    async () => {
      const { loader, cache } = listeningCache();
      await readThrough(cache, loader, 'acme');
      cache.lost();
      expect(cache.size).toBe(0);
      await readThrough(cache, loader, 'acme');
      expect(cache.size).toBe(0);
      // A read that started before the listener came back may have missed a change: not kept.
      const straddling = cache.get('acme');
      cache.listening();
      loader.answer();
      await straddling;
      expect(cache.size).toBe(0);
      const next = cache.get('acme');
      const kept = loader.answer();
      await next;
      expect(await cache.get('acme')).toBe(kept);
      expect(loader.load).toHaveBeenCalledTimes(4);
    },
  );

  it('never uses an entry past its TTL, and refreshes one beside the requests past half of it', async () => {
    const { loader, cache } = listeningCache({ ttlMs: 1000 });
    const read = cache.get('acme');
    const v1 = loader.answer();
    await read;

    now += 600; // past half the TTL: answered from memory, one reload starts
    expect(await cache.get('acme')).toBe(v1);
    expect(await cache.get('acme')).toBe(v1);
    expect(loader.load).toHaveBeenCalledTimes(2);
    const v2 = loader.answer();
    await flush();
    expect(await cache.get('acme')).toBe(v2);

    now += 1000; // past the TTL of v2 (loaded at 1,600): not used, read again
    const expired = cache.get('acme');
    expect(loader.load).toHaveBeenCalledTimes(3);
    const v3 = loader.answer();
    expect(await expired).toBe(v3);
  });

  it('passes a failed read to its requests and keeps nothing', async () => {
    const { loader, cache } = listeningCache();
    const read = cache.get('acme');
    loader.fail();
    await expect(read).rejects.toThrow('database down');
    expect(cache.size).toBe(0);
    await readThrough(cache, loader, 'acme');
    expect(cache.size).toBe(1);
  });

  it('holds at most maxEntries tenants, dropping the oldest', async () => {
    const { loader, cache } = listeningCache({ ttlMs: 5000, maxEntries: 2 });
    for (const tenantId of ['a', 'b', 'c']) {
      await readThrough(cache, loader, tenantId);
    }
    expect(cache.size).toBe(2);
    void cache.get('a');
    expect(loader.load).toHaveBeenLastCalledWith('a');
    expect(loader.load).toHaveBeenCalledTimes(4);
  });

  it('with a TTL of 0 reads every time', async () => {
    const { loader, cache } = listeningCache({ ttlMs: 0 });
    for (let i = 0; i < 3; i++) {
      await readThrough(cache, loader, 'acme');
    }
    expect(loader.load).toHaveBeenCalledTimes(3);
  });
});
