import { Client, type Pool } from 'pg';
import { decodeParkingSignal, FollowerTables, HOLDING_STATUSES, PARKING_CHANNEL } from '@lib/follower';
import { CHECKPOINT_CHANNEL, CHECKPOINT_TABLE, SCIM_PROJECTION_NAME } from '../schema/table-names';

export interface CheckpointWaiterOptions {
  connectionString: string;
  /** For the fallback poll; a short query every `pollIntervalMs` while someone waits. */
  pool: Pool;
  projection?: string;
  pollIntervalMs?: number;
}

/** A tenant the projector holds behind a parked event: its events from `position` on are not applied. */
export interface HeldTenant {
  position: number;
  since: string;
}

export type WaitOutcome =
  | { visible: true }
  | { visible: false; lagging: true }
  | { visible: false; lagging: false; held: HeldTenant };

interface Waiter {
  tenantId: string | null;
  position: number;
  resolve(outcome: WaitOutcome): void;
  timer: NodeJS.Timeout;
}

const HOLDING = HOLDING_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * Read-your-writes: `waitForTenant(tenant, position)` resolves once the projector has applied a
 * write of that tenant, so the gateway answers a write only when a following read sees it.
 *
 * A write is visible when the checkpoint has reached its position AND its tenant is not held
 * behind a parked event (the checkpoint moves past held tenants' events without applying them).
 * A held tenant is answered at once, without waiting out the timeout.
 *
 * The projector runs anywhere (another process, another host): its batch transaction does
 * `NOTIFY projector_checkpoint '<name>:<position>'`, and parking does `NOTIFY follower_parking`,
 * both delivered at commit and in commit order. One dedicated LISTEN connection serves all waits;
 * a poll (checkpoint and held tenants read in one statement, so in one snapshot) covers a lost
 * connection or notification, and runs only while someone waits. What was cached is distrusted
 * after the LISTEN connection was lost, and a checkpoint seen going backwards (a restore) wins.
 */
export class CheckpointWaiter {
  private readonly projection: string;
  private readonly pollIntervalMs: number;
  private known = 0;
  private readonly held = new Map<string, HeldTenant>();
  /** True until a refresh while listening: the cache may be older than the database. */
  private stale = true;
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

  /** true once the checkpoint is >= position; false after `timeoutMs` (whatever the tenant). */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return (await this.wait(null, position, timeoutMs)).visible;
  }

  /** Visible; lagging after `timeoutMs`; or held behind a parked event, said at once. */
  waitForTenant(tenantId: string, position: number, timeoutMs: number): Promise<WaitOutcome> {
    return this.wait(tenantId, position, timeoutMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of [...this.waiters]) waiter.resolve({ visible: false, lagging: true });
    this.stopPolling();
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  private async wait(tenantId: string | null, position: number, timeoutMs: number): Promise<WaitOutcome> {
    // While listening, the cache follows every commit: a write waits for its notification (the
    // poll below is only the fallback) instead of asking the database first, one query less per write.
    if (this.stale) {
      await this.ensureListening();
      await this.refresh();
    }
    const now = this.outcome(tenantId, position);
    if (now) return now;
    if (timeoutMs <= 0) return { visible: false, lagging: true };
    return new Promise<WaitOutcome>((resolve) => {
      const waiter: Waiter = {
        tenantId,
        position,
        resolve: (outcome) => {
          clearTimeout(waiter.timer);
          this.waiters.delete(waiter);
          if (this.waiters.size === 0) this.stopPolling();
          resolve(outcome);
        },
        timer: setTimeout(() => waiter.resolve({ visible: false, lagging: true }), timeoutMs),
      };
      this.waiters.add(waiter);
      this.startPolling();
    });
  }

  /** What can be said now from the cache: held (at once), visible, or nothing yet. */
  private outcome(tenantId: string | null, position: number): WaitOutcome | null {
    const held = tenantId === null ? undefined : this.held.get(tenantId);
    if (held && position >= held.position) return { visible: false, lagging: false, held };
    return this.known >= position ? { visible: true } : null;
  }

  private settle(): void {
    for (const waiter of [...this.waiters]) {
      const outcome = this.outcome(waiter.tenantId, waiter.position);
      if (outcome) waiter.resolve(outcome);
    }
  }

  private async refresh(): Promise<void> {
    const { rows } = await this.options.pool.query<{
      position: string;
      held: Array<{ tenant_id: string; position: string; parked_at: string }> | null;
    }>(
      `SELECT c.position,
              (SELECT json_agg(json_build_object('tenant_id', p.tenant_id, 'position', p.position, 'parked_at',
              p.parked_at))
                 FROM ${FollowerTables.parked} p WHERE p.follower = $1 AND p.status IN (${HOLDING})) AS held
         FROM ${CHECKPOINT_TABLE} c WHERE c.name = $1`,
      [this.projection],
    );
    const row = rows[0];
    this.held.clear();
    for (const h of row?.held ?? [])
      this.held.set(h.tenant_id, { position: Number(h.position), since: new Date(h.parked_at).toISOString() });
    // The row is the truth: a checkpoint lower than the one cached means the database was restored.
    this.known = row ? Number(row.position) : 0;
    if (this.listener) this.stale = false;
    this.settle();
  }

  private onCheckpoint(position: number): void {
    if (position < this.known) {
      // Backwards: a restore (or a rebuild). Ask the row rather than trust either number.
      this.stale = true;
      this.refresh().catch(() => undefined);
      return;
    }
    this.known = position;
    this.settle();
  }

  private onParking(payload: string | undefined): void {
    const signal = decodeParkingSignal(payload);
    if (!signal || signal.follower !== this.projection) return;
    if (signal.kind === 'held')
      this.held.set(signal.tenantId, { position: signal.position, since: new Date().toISOString() });
    else if (signal.kind === 'released') this.held.delete(signal.tenantId);
    this.settle();
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
    const client = new Client({
      connectionString: this.options.connectionString,
      application_name: 'scim-checkpoint-waiter',
      connectionTimeoutMillis: 5000,
    });
    const drop = () => {
      if (this.listener === client) {
        this.listener = null;
        // Notifications may have been missed while the connection was down.
        this.stale = true;
      }
      client.end().catch(() => undefined);
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', (message) => {
      if (message.channel === PARKING_CHANNEL) return this.onParking(message.payload);
      if (message.channel !== CHECKPOINT_CHANNEL || !message.payload) return;
      const separator = message.payload.lastIndexOf(':');
      if (message.payload.slice(0, separator) !== this.projection) return;
      const position = Number(message.payload.slice(separator + 1));
      if (Number.isFinite(position)) this.onCheckpoint(position);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHECKPOINT_CHANNEL}; LISTEN ${PARKING_CHANNEL}`);
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
