import { Client, type Pool } from 'pg';
import { readCheckpoint } from '../checkpoint/checkpoint-store';
import { CHECKPOINT_CHANNEL, SCIM_PROJECTION_NAME } from '../schema/table-names';

export interface CheckpointWaiterOptions {
  connectionString: string;
  /** For the fallback poll; a short query every `pollIntervalMs` while someone waits. */
  pool: Pool;
  projection?: string;
  pollIntervalMs?: number;
}

interface Waiter {
  position: number;
  resolve(reached: boolean): void;
  timer: NodeJS.Timeout;
}

/**
 * Read-your-writes: `waitFor(position)` resolves once the projector's checkpoint has reached a
 * write's global position, so the gateway answers a write only when a following read sees it.
 *
 * The projector runs anywhere (another process, another host): its batch transaction does
 * `NOTIFY projector_checkpoint '<name>:<position>'`, delivered at commit. This waiter LISTENs on
 * one dedicated connection shared by all waits; a cheap poll of the checkpoint row covers a lost
 * connection or notification, and runs only while someone is waiting.
 */
export class CheckpointWaiter {
  private readonly projection: string;
  private readonly pollIntervalMs: number;
  private known = 0;
  private readonly waiters = new Set<Waiter>();
  private listener: Client | null = null;
  private connecting: Promise<void> | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: CheckpointWaiterOptions) {
    this.projection = options.projection ?? SCIM_PROJECTION_NAME;
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
  }

  /** The highest checkpoint position seen so far (0 before the first look). */
  get knownPosition(): number {
    return this.known;
  }

  /** true once the checkpoint is >= position; false after `timeoutMs` (the caller decides what a timeout means). */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.known >= position) return true;
    await this.ensureListening();
    await this.refresh();
    if (this.known >= position) return true;
    if (timeoutMs <= 0) return false;
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        position,
        resolve: (reached) => {
          clearTimeout(waiter.timer);
          this.waiters.delete(waiter);
          if (this.waiters.size === 0) this.stopPolling();
          resolve(reached);
        },
        timer: setTimeout(() => waiter.resolve(false), timeoutMs),
      };
      this.waiters.add(waiter);
      this.startPolling();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of [...this.waiters]) waiter.resolve(false);
    this.stopPolling();
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  private advance(position: number): void {
    if (position <= this.known) return;
    this.known = position;
    for (const waiter of [...this.waiters]) if (waiter.position <= position) waiter.resolve(true);
  }

  private async refresh(): Promise<void> {
    const checkpoint = await readCheckpoint(this.options.pool, this.projection);
    if (checkpoint) this.advance(checkpoint.position);
  }

  private ensureListening(): Promise<void> {
    if (this.listener || this.closed) return Promise.resolve();
    if (!this.connecting) {
      this.connecting = this.connect().finally(() => {
        this.connecting = null;
      });
    }
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.options.connectionString, application_name: 'scim-checkpoint-waiter' });
    const drop = () => {
      if (this.listener === client) this.listener = null;
      client.end().catch(() => undefined);
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', (message) => {
      if (message.channel !== CHECKPOINT_CHANNEL || !message.payload) return;
      const separator = message.payload.lastIndexOf(':');
      if (message.payload.slice(0, separator) !== this.projection) return;
      const position = Number(message.payload.slice(separator + 1));
      if (Number.isFinite(position)) this.advance(position);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHECKPOINT_CHANNEL}`);
      this.listener = client;
    } catch {
      // Not listening only costs latency: the poll still sees the checkpoint.
      drop();
    }
  }

  private startPolling(): void {
    if (this.pollTimer) return;
    this.pollTimer = setInterval(() => {
      void this.ensureListening();
      this.refresh().catch(() => undefined);
    }, this.pollIntervalMs);
    this.pollTimer.unref?.();
  }

  private stopPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }
}
