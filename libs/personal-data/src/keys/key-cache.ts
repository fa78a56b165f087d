import { ERASED, type KeyOrErased } from './data-keys';

export interface KeyCacheOptions {
  /** Entries kept at most; the least recently used go first. */
  maxEntries: number;
  /** How long a key is trusted without asking the store again (another process may destroy it). */
  ttlMs: number;
  now?: () => number;
}

/**
 * Unwrapped data keys in memory, bounded: at most `maxEntries`, least recently used evicted, a
 * key forgotten after `ttlMs` so that a key destroyed by another process stops being used here
 * within that time. An erasure is final, so an erased entry never expires (only LRU evicts it).
 */
export class KeyCache {
  private readonly entries = new Map<string, { value: KeyOrErased; at: number }>();
  private readonly now: () => number;

  constructor(private readonly options: KeyCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): KeyOrErased | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.value !== ERASED && this.now() - entry.at > this.options.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: KeyOrErased): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now() });
    while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
