/**
 * Remembers which message ids a consumer has handled, for de-duplication of at-least-once
 * delivery. The in-memory LRU forgets on restart and past its capacity; a service that needs
 * exactly-once effects stores the id with its own write (same transaction) and plugs that in.
 */
export interface SeenStore {
  has(messageId: string): Promise<boolean>;
  add(messageId: string): Promise<void>;
}

export class InMemoryLruSeenStore implements SeenStore {
  // A Map iterates in insertion order: re-inserting on access makes the first key the least recent.
  private readonly ids = new Map<string, true>();

  constructor(private readonly capacity = 100_000) {}

  async has(messageId: string): Promise<boolean> {
    if (!this.ids.has(messageId)) return false;
    this.ids.delete(messageId);
    this.ids.set(messageId, true);
    return true;
  }

  async add(messageId: string): Promise<void> {
    this.ids.delete(messageId);
    this.ids.set(messageId, true);
    while (this.ids.size > this.capacity) {
      const oldest = this.ids.keys().next().value;
      if (oldest === undefined) break;
      this.ids.delete(oldest);
    }
  }

  get size(): number {
    return this.ids.size;
  }
}
