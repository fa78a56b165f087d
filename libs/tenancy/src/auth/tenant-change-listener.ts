import { Client } from 'pg';

/** NOTIFY channel of tenant-stream appends: payload is the tenant id (migration NotifyTenantChanges). */
export const TENANT_CHANGED_CHANNEL = 'tenant_changed';

export interface TenantChangeHandlers {
  /** A tenant's stream got new events (or may have: a write path's own signal). */
  changed(tenantId: string): void;
  /** LISTEN is in place: from now on every change is heard. */
  listening(): void;
  /** The connection is gone: changes may be missed until `listening` is called again. */
  lost(): void;
}

export interface TenantChangeListenerOptions {
  connectionString: string;
  /** First reconnection delay; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * One dedicated connection that LISTENs on `tenant_changed` and reconnects after any loss (with
 * a doubling delay up to 2 s). The handlers say when changes can be trusted to be heard: between
 * `lost` and the next `listening`, they cannot.
 */
export class TenantChangeListener {
  private client: Client | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private delay: number;
  private started = false;
  private closed = false;

  constructor(
    private readonly options: TenantChangeListenerOptions,
    private readonly handlers: TenantChangeHandlers,
  ) {
    this.delay = options.retryMs ?? 100;
  }

  /** Connects in the background; idempotent. */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    void this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.options.connectionString,
      application_name: 'scim-tenant-changes',
      connectionTimeoutMillis: 5000,
      keepAlive: true,
    });
    let dropped = false;
    const drop = () => {
      if (dropped) return;
      dropped = true;
      const wasListening = this.client === client;
      this.client = null;
      client.end().catch(() => undefined);
      if (wasListening) this.handlers.lost();
      this.scheduleReconnect();
    };
    // A dedicated client has no pool to catch its 'error' event: without this listener a
    // connection the server terminates would end the process.
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', (message) => {
      if (message.channel === TENANT_CHANGED_CHANNEL && message.payload) this.handlers.changed(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${TENANT_CHANGED_CHANNEL}`);
    } catch {
      drop();
      return;
    }
    if (this.closed || dropped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.delay = this.options.retryMs ?? 100;
    this.handlers.listening();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, this.options.maxRetryMs ?? 2000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, wait);
    this.retryTimer.unref();
  }
}
