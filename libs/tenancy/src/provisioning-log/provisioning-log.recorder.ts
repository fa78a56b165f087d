import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { HttpReply } from '@lib/platform';
import { Counter, type Registry } from 'prom-client';
import { currentRequest, isAvailabilityError, METRICS_REGISTRY } from '@lib/platform';
import type { ScimRequest } from '../auth/scim-principal';
import { TENANCY_CLOCK, type Clock } from '../shared/clock';
import type { ProvisioningLogEntry } from './provisioning-log-entry';
import { ProvisioningLogRepository } from './provisioning-log.repository';
import { errorFacts, resourceIdFrom, scimPathFacts, storableEntry, userNameFrom } from './request-facts';

const FLUSH_EVERY_MS = 500;
const BATCH_SIZE = 200;
/** Beyond this (database down for long), the oldest rows are dropped and counted rather than exhausting memory. */
const MAX_BUFFERED = 20_000;

const TRACKED = Symbol('provisioningLog');

interface Tracking {
  at: Date;
  started: bigint;
  /** Tenant to file the row under when no principal exists (a failed authentication of an existing tenant). */
  tenantId?: string;
  error?: unknown;
  responseBody?: unknown;
  done: boolean;
}

type TrackedRequest = ScimRequest & { [TRACKED]?: Tracking };

/**
 * Writes the provisioning log off the request path: entries are buffered in memory and
 * inserted in small batches every half second (or as soon as a batch is full). Shutdown flushes
 * what is left, so a graceful stop loses nothing.
 *
 * A batch that fails because the database is unavailable is kept and retried. A batch that
 * fails for any other reason holds a row the database refuses: its rows are then written one by
 * one, and a row that fails alone is dropped with one error line and counted, so it can never
 * hold back the rows behind it (of every tenant).
 */
@Injectable()
export class ProvisioningLogRecorder implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('ProvisioningLog');
  private buffer: ProvisioningLogEntry[] = [];
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private droppedRows = 0;
  private readonly droppedCounter: Counter<'reason'> | undefined;

  constructor(
    private readonly repository: ProvisioningLogRepository,
    @Inject(TENANCY_CLOCK) private readonly clock: Clock,
    @Optional() @Inject(METRICS_REGISTRY) registry?: Registry,
  ) {
    this.droppedCounter = registry
      ? new Counter({
          name: 'scim_provisioning_log_dropped_rows_total',
          help:
            'Provisioning-log rows dropped: the database refused the row (unwritable), or the buffer ' +
            'overflowed during an outage (buffer_full)',
          labelNames: ['reason'],
          registers: [registry],
        })
      : undefined;
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /** Again after the HTTP server closed: requests that were in flight have recorded by now. */
  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  get pending(): number {
    return this.buffer.length;
  }

  get dropped(): number {
    return this.droppedRows;
  }

  record(entry: ProvisioningLogEntry): void {
    this.buffer.push(entry);
    if (this.buffer.length > MAX_BUFFERED) {
      const excess = this.buffer.length - MAX_BUFFERED;
      this.buffer.splice(0, excess);
      this.droppedRows += excess;
      this.droppedCounter?.inc({ reason: 'buffer_full' }, excess);
      this.logger.warn(`provisioning log buffer full: dropped ${excess} oldest rows (${this.droppedRows} in total)`);
    }
    if (this.buffer.length >= BATCH_SIZE) void this.flush();
  }

  /** Writes everything buffered; one flush at a time. Resolves (never rejects) when done or when the database fails. */
  flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.drain().finally(() => (this.flushing = undefined));
      return this.flushing;
    }
    // A flush is running: wait for it, then drain what arrived meanwhile.
    return this.flushing.then(() => (this.buffer.length ? this.flush() : undefined));
  }

  /**
   * Starts timing a SCIM request and records it when the response is finished. Idempotent: the
   * auth guard and the interceptor both call it. `tenantId` files a request that has no
   * principal (failed authentication) under that tenant.
   */
  track(request: ScimRequest, response: HttpReply, tenantId?: string): void {
    const req = request as TrackedRequest;
    const existing = req[TRACKED];
    if (existing) {
      if (tenantId !== undefined) existing.tenantId = tenantId;
      return;
    }
    const tracking: Tracking = { at: this.clock.now(), started: process.hrtime.bigint(), tenantId, done: false };
    req[TRACKED] = tracking;
    const requestId = currentRequest()?.requestId ?? headerValue(response.getHeader('X-Request-Id'));
    const finish = (aborted: boolean) => {
      if (tracking.done) return;
      tracking.done = true;
      const entry = this.entryFor(req, response, tracking, requestId, aborted);
      if (entry) this.record(storableEntry(entry));
    };
    response.raw.once('finish', () => finish(false));
    response.raw.once('close', () => finish(!response.raw.writableFinished));
  }

  /** Remembers why a tracked request failed (scimType, detail) for its row. */
  noteError(request: ScimRequest, error: unknown): void {
    const tracking = (request as TrackedRequest)[TRACKED];
    if (tracking && tracking.error === undefined) tracking.error = error;
  }

  /** This request gets no row (sampled-out rate-limit rejections). */
  skip(request: ScimRequest): void {
    const tracking = (request as TrackedRequest)[TRACKED];
    if (tracking) tracking.done = true;
  }

  noteResponseBody(request: ScimRequest, body: unknown): void {
    const tracking = (request as TrackedRequest)[TRACKED];
    if (tracking) tracking.responseBody = body;
  }

  /**
   * For the gateway's exception filter: why a request failed, for its row (the first error noted
   * wins, so a guard's own note stays). Safe to call for every error: requests without a
   * principal that no guard tracked are left alone.
   */
  recordError(request: ScimRequest, response: HttpReply, error: unknown): void {
    if (request.scimPrincipal) this.track(request, response);
    this.noteError(request, error);
  }

  private entryFor(
    req: TrackedRequest,
    res: HttpReply,
    tracking: Tracking,
    requestId: string | undefined,
    aborted: boolean,
  ): ProvisioningLogEntry | undefined {
    const principal = req.scimPrincipal;
    const tenantId = principal?.tenantId ?? tracking.tenantId;
    if (!tenantId) return undefined;
    const facts = scimPathFacts(req.originalUrl ?? req.url, tenantId);
    const status = aborted ? 499 : res.statusCode;
    const { scimType, detail } = status >= 400 ? errorFacts(tracking.error) : { scimType: null, detail: null };
    const params = (req.params ?? {}) as Record<string, string | undefined>;
    return {
      tenantId,
      at: tracking.at.toISOString(),
      method: req.method,
      path: facts.path,
      resourceType: facts.resourceType,
      resourceId:
        facts.resourceId ??
        params.id ??
        resourceIdFrom(tracking.responseBody) ??
        resourceIdFromLocation(res.getHeader('Location')),
      userName: userNameFrom(
        req.body,
        tracking.responseBody,
        (req.query as Record<string, unknown> | undefined)?.filter,
      ),
      status,
      scimType,
      detail: detail ?? (aborted ? 'client closed the connection before the response' : null),
      latencyMs: Number(process.hrtime.bigint() - tracking.started) / 1e6,
      idpProfile: principal?.idpProfile ?? null,
      keyId: principal?.keyId ?? null,
      requestId: requestId ?? null,
    };
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, BATCH_SIZE);
      try {
        await this.repository.insert(batch);
      } catch (error) {
        if (isAvailabilityError(error)) return this.keepForRetry(batch, error);
        const unwritten = await this.insertOneByOne(batch);
        if (unwritten.length) return this.keepForRetry(unwritten, undefined);
      }
    }
  }

  /** Writes rows alone; drops each the database refuses. Returns the rows left when the database became unavailable. */
  private async insertOneByOne(batch: ProvisioningLogEntry[]): Promise<ProvisioningLogEntry[]> {
    for (let index = 0; index < batch.length; index++) {
      try {
        await this.repository.insert([batch[index]]);
      } catch (error) {
        if (isAvailabilityError(error)) return batch.slice(index);
        this.drop(batch[index], error);
      }
    }
    return [];
  }

  private drop(entry: ProvisioningLogEntry, error: unknown): void {
    this.droppedRows++;
    this.droppedCounter?.inc({ reason: 'unwritable' });
    const code = (error as { code?: unknown })?.code;
    this.logger.error(
      `provisioning log row dropped: the database refused it (tenant ${entry.tenantId}, request ` +
        `${entry.requestId ?? '-'}, SQLSTATE ${typeof code === 'string' ? code : '-'})`,
    );
  }

  private keepForRetry(rows: ProvisioningLogEntry[], error: unknown): void {
    this.buffer.unshift(...rows);
    if (error)
      this.logger.warn(
        `provisioning log write failed, will retry: ${error instanceof Error ? error.message : String(error)}`,
      );
  }
}

/** A created resource's id from its Location header (handlers that write the response themselves). */
function resourceIdFromLocation(location: number | string | string[] | undefined): string | null {
  if (typeof location !== 'string') return null;
  const last = location.split('?')[0]?.split('/').filter(Boolean).pop();
  return last ? decodeURIComponent(last).slice(0, 256) : null;
}

function headerValue(value: number | string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
