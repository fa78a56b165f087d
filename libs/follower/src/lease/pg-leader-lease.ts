import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Client, type ClientConfig } from 'pg';
import { isAvailabilityError } from '@lib/platform';
import { FollowerTables } from '../migrations/table-names';
import type { LeaderLease, LeaseSession } from './leader-lease';

export interface PgLeaderLeaseOptions {
  /** Where the lock connection goes (a pool's `options` will do: the lock must live in the checkpoints' database). */
  connection: ClientConfig;
  follower: string;
  /** Who holds it, for operators (`follower_leases.holder`). */
  instance?: string;
  /** The leader checks its lock connection this often... */
  heartbeatMs?: number;
  /** ...and gives up leadership when a check has no answer within this. */
  heartbeatTimeoutMs?: number;
  /** Channels the leader LISTENs to on the lock connection (wake-ups), and where they go. */
  listen?: { channels: string[]; onNotification(channel: string, payload: string | undefined): void };
}

/** Namespace of the follower locks (the second key is hashtext(name)); the migration lock uses another value. */
const LOCK_CLASS = 0x5c1f;

/**
 * The lease on PostgreSQL: `pg_try_advisory_lock` on a dedicated connection. The server releases
 * the lock when that connection ends: at once when the holder's process dies, and within the TCP
 * keepalive bound (about 7 s, set per session below) when the holder's host or network goes away.
 * Each acquisition bumps the epoch in `follower_leases` (see fence.ts).
 */
export class PgLeaderLease implements LeaderLease {
  readonly instance: string;
  private client: Client | null = null;

  constructor(private readonly options: PgLeaderLeaseOptions) {
    this.instance = options.instance ?? defaultInstanceName();
  }

  async tryAcquire(): Promise<LeaseSession | null> {
    const reused = this.client !== null;
    try {
      return await this.attempt(await this.connected());
    } catch (error) {
      // The connection kept since the last try may have died unnoticed (a restart): one fresh try.
      if (!reused || !isAvailabilityError(error)) throw error;
      return this.attempt(await this.connected());
    }
  }

  private async attempt(client: Client): Promise<LeaseSession | null> {
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
        [LOCK_CLASS, this.options.follower],
      );
      if (!rows[0]?.locked) return null;
      const epoch = await this.bumpEpoch(client);
      const listen = this.options.listen;
      if (listen) {
        client.on('notification', (message) => listen.onNotification(message.channel, message.payload));
        for (const channel of listen.channels) await client.query(`LISTEN ${channel}`);
      }
      this.client = null; // the session owns the connection now
      return new PgLeaseSession(client, epoch, this.options);
    } catch (error) {
      this.drop(client);
      throw error;
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async bumpEpoch(client: Client): Promise<number> {
    const { rows } = await client.query<{ epoch: string }>(
      `INSERT INTO ${FollowerTables.leases} (name, epoch, holder, acquired_at) VALUES ($1, 1, $2, now())
       ON CONFLICT (name) DO UPDATE SET epoch = ${FollowerTables.leases}.epoch + 1, holder = EXCLUDED.holder,
       acquired_at = now()
       RETURNING epoch`,
      [this.options.follower, this.instance],
    );
    return Number(rows[0]!.epoch);
  }

  private async connected(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({
      ...this.options.connection,
      application_name: `follower:${this.options.follower}`.slice(0, 63),
      keepAlive: true,
      keepAliveInitialDelayMillis: 1000,
      connectionTimeoutMillis: 5000,
    });
    // A connection the server terminates emits 'error'; without a listener that would end the process.
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
      // The server notices a vanished holder (host down, network cut) by keepalive: 4 s idle, then 3 probes 1 s apart.
      await client.query(
        'SET tcp_keepalives_idle = 4; SET tcp_keepalives_interval = 1; SET tcp_keepalives_count = 3; SET ' +
          'statement_timeout = 10000',
      );
    } catch (error) {
      void client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return client;
  }

  private drop(client: Client): void {
    if (this.client === client) this.client = null;
    void client.end().catch(() => undefined);
  }
}

class PgLeaseSession implements LeaseSession {
  readonly lost: Promise<string>;
  private lostReason: string | null = null;
  private signalLost!: (reason: string) => void;
  private readonly heartbeat: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly client: Client,
    readonly epoch: number,
    private readonly options: PgLeaderLeaseOptions,
  ) {
    this.lost = new Promise((resolve) => (this.signalLost = resolve));
    client.removeAllListeners('error');
    client.removeAllListeners('end');
    client.on('error', (error) => this.lose(`lock connection failed: ${error.message}`));
    client.on('end', () => this.lose('lock connection ended'));
    this.heartbeat = setInterval(() => void this.check(), options.heartbeatMs ?? 1000);
    this.heartbeat.unref?.();
  }

  isLost(): boolean {
    return this.lostReason !== null;
  }

  async release(): Promise<void> {
    if (!this.isLost()) {
      await this.client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    }
    this.lose('released');
    await this.client.end().catch(() => undefined);
  }

  private async check(): Promise<void> {
    if (this.checking || this.isLost()) return;
    this.checking = true;
    const timeoutMs = this.options.heartbeatTimeoutMs ?? 3000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.client.query('SELECT 1'),
        new Promise(
          (_, reject) =>
            (timer = setTimeout(
              () => reject(new Error(`no answer on the lock connection within ${timeoutMs} ms`)),
              timeoutMs,
            )),
        ),
      ]);
    } catch (error) {
      this.lose(error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
      this.checking = false;
    }
  }

  private lose(reason: string): void {
    if (this.lostReason !== null) return;
    this.lostReason = reason;
    clearInterval(this.heartbeat);
    this.signalLost(reason);
    // Ending the connection makes the server release the lock if it still holds it.
    void this.client.end().catch(() => undefined);
  }
}

function defaultInstanceName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}
