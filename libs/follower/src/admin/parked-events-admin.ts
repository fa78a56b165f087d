import type { Pool } from 'pg';
import { FollowerTables as T } from '../migrations/table-names';
import type { ParkedEvent, ParkedStatus } from '../parking/parked-event';
import { notify, toParkedEvent, type ParkedRow } from '../parking/pg-parking-store';

export interface ParkedEventFilter {
  tenantId?: string;
  follower?: string;
  status?: ParkedStatus;
  limit?: number;
}

export class ParkedEventNotFoundError extends Error {
  constructor(id: number | string) {
    super(`No parked event ${id}.`);
    this.name = 'ParkedEventNotFoundError';
  }
}

/** A retry or skip of an event that is not parked (any more): already requested, or resolved. */
export class ParkedEventStateError extends Error {
  constructor(
    readonly parked: ParkedEvent,
    action: string,
  ) {
    super(`Parked event ${parked.id} is ${parked.status}: only a parked event can be asked to ${action}.`);
    this.name = 'ParkedEventStateError';
  }
}

/** The operator's side of the parked-events table: list, and ask the active follower to retry or skip. */
export class ParkedEventsAdmin {
  constructor(private readonly pool: Pool) {}

  async list(filter: ParkedEventFilter = {}): Promise<ParkedEvent[]> {
    const { rows } = await this.pool.query<ParkedRow>(
      `SELECT * FROM ${T.parked}
        WHERE ($1::text IS NULL OR tenant_id = $1) AND ($2::text IS NULL OR follower = $2) AND ($3::text IS NULL OR
        status = $3)
        ORDER BY id DESC LIMIT $4`,
      [filter.tenantId ?? null, filter.follower ?? null, filter.status ?? null, filter.limit ?? 100],
    );
    return rows.map(toParkedEvent);
  }

  async get(id: number): Promise<ParkedEvent> {
    const { rows } = await this.pool.query<ParkedRow>(`SELECT * FROM ${T.parked} WHERE id = $1`, [id]);
    if (!rows[0]) throw new ParkedEventNotFoundError(id);
    return toParkedEvent(rows[0]);
  }

  /**
   * The parked event is tried again, then the tenant's held events in order (by the active instance, within a second or
   * two).
   */
  requestRetry(id: number, requestedBy: string): Promise<ParkedEvent> {
    return this.request(id, 'retry_requested', requestedBy);
  }

  /**
   * The parked event is passed over for good; the tenant's later held events are applied. Record the skip in the audit
   * log first.
   */
  requestSkip(id: number, requestedBy: string): Promise<ParkedEvent> {
    return this.request(id, 'skip_requested', requestedBy);
  }

  private async request(
    id: number,
    status: 'retry_requested' | 'skip_requested',
    requestedBy: string,
  ): Promise<ParkedEvent> {
    const { rows } = await this.pool.query<ParkedRow>(
      `UPDATE ${T.parked} SET status = $2, requested_by = $3, requested_at = now() WHERE id = $1 AND status = ` +
        `'parked' RETURNING *`,
      [id, status, requestedBy],
    );
    if (!rows[0]) throw new ParkedEventStateError(await this.get(id), status === 'retry_requested' ? 'retry' : 'skip');
    const parked = toParkedEvent(rows[0]);
    await notify(this.pool, { kind: 'request', follower: parked.follower });
    return parked;
  }
}
