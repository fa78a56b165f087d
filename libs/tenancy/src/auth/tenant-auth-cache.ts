import type { TenantState } from '@lib/domain';

/** Loads a tenant's current state from the truth (its stream). */
export type TenantLoader = (tenantId: string) => Promise<TenantState>;

export interface TenantAuthCacheOptions {
  /** How long a loaded state may be used at most, notification or not (the fallback bound). 0: no cache. */
  ttlMs: number;
  /** Tenants held at most; the oldest is dropped beyond it. */
  maxEntries?: number;
  /** Monotonic milliseconds (tests pass their own). */
  now?: () => number;
}

interface Entry {
  state: TenantState;
  loadedAt: number;
  refreshing: boolean;
}

/**
 * Tenants' SCIM settings and key hashes as authentication reads them, per process, so that a
 * SCIM request does not read the tenant stream. It is only trusted while every change is heard:
 *
 * - a change of a tenant (the `tenant_changed` notification of an append to its stream, see
 *   TenantChangeListener) drops that tenant; the next request reads its stream again;
 * - while the change listener is not connected (before it first is, and after it lost its
 *   connection), nothing is cached and every request reads the stream, as without a cache;
 *   everything cached before a loss is dropped;
 * - a load that was in flight when a change (or a loss) arrived may have read the state from
 *   before it: its result answers the requests that were waiting for it, but is not kept;
 * - whatever happens, nothing is used longer than `ttlMs` (a missed notification costs at most
 *   that). Past half the TTL a request still gets the entry and a reload starts beside it, so a
 *   tenant in use is never waited for.
 *
 * Loads of one tenant are shared: a burst of requests for a tenant not cached reads once.
 * Unknown tenants are cached like known ones (an append creating the tenant notifies too), so
 * the first request for any tenant id costs a read and the following ones do not, whether or
 * not the tenant exists.
 */
export class TenantAuthCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<TenantState>>();
  private readonly maxEntries: number;
  private readonly now: () => number;
  /** Moves on every change and every loss: a load that saw it move may be stale. */
  private epoch = 0;
  private trusted = false;

  constructor(
    private readonly load: TenantLoader,
    private readonly options: TenantAuthCacheOptions,
  ) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? (() => performance.now());
  }

  /** The tenant's state, from the cache when it can be trusted, else from its stream. */
  get(tenantId: string): Promise<TenantState> {
    if (!this.trusted || this.options.ttlMs <= 0) return this.load(tenantId);
    const entry = this.entries.get(tenantId);
    if (entry) {
      const age = this.now() - entry.loadedAt;
      if (age < this.options.ttlMs) {
        if (age >= this.options.ttlMs / 2 && !entry.refreshing) this.refreshBeside(tenantId, entry);
        return Promise.resolve(entry.state);
      }
      this.entries.delete(tenantId);
    }
    return this.loadShared(tenantId);
  }

  /** A tenant's stream changed (a notification): its next request reads it again. */
  changed(tenantId: string): void {
    this.epoch++;
    this.entries.delete(tenantId);
    this.loading.delete(tenantId);
  }

  /** Every change is heard from now on (LISTEN in place). */
  listening(): void {
    this.epoch++;
    this.entries.clear();
    this.trusted = true;
  }

  /** Changes may be missed from now on: read through until `listening` again. */
  lost(): void {
    this.epoch++;
    this.trusted = false;
    this.entries.clear();
    this.loading.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private loadShared(tenantId: string): Promise<TenantState> {
    const inFlight = this.loading.get(tenantId);
    if (inFlight) return inFlight;
    const epoch = this.epoch;
    const startedAt = this.now();
    const promise = this.load(tenantId).then(
      (state) => {
        if (this.loading.get(tenantId) === promise) this.loading.delete(tenantId);
        if (this.epoch === epoch && this.trusted)
          this.keep(tenantId, { state, loadedAt: startedAt, refreshing: false });
        return state;
      },
      (error: unknown) => {
        if (this.loading.get(tenantId) === promise) this.loading.delete(tenantId);
        throw error;
      },
    );
    this.loading.set(tenantId, promise);
    return promise;
  }

  private refreshBeside(tenantId: string, entry: Entry): void {
    entry.refreshing = true;
    // A failed refresh leaves the entry to expire at its TTL; the next request reads through.
    this.loadShared(tenantId).catch(() => {
      entry.refreshing = false;
    });
  }

  private keep(tenantId: string, entry: Entry): void {
    this.entries.delete(tenantId);
    this.entries.set(tenantId, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
