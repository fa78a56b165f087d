/**
 * A poison event: one event a follower could not apply (the same error, applied alone, with the
 * connection known good). Its tenant's later events wait behind it; other tenants go on.
 *
 *   parked ──retry──> retry_requested ──replayed──> retried
 *          ──skip───> skip_requested  ──replayed──> skipped
 *
 * The runtime turns a request into a replay of that tenant's held events (from the parked event,
 * or from just after it for a skip) up to the checkpoint, then releases the tenant.
 */
export const PARKED_STATUSES = ['parked', 'retry_requested', 'skip_requested', 'retried', 'skipped'] as const;
export type ParkedStatus = (typeof PARKED_STATUSES)[number];

/** The statuses that hold the tenant. */
export const HOLDING_STATUSES: readonly ParkedStatus[] = ['parked', 'retry_requested', 'skip_requested'];

export interface NewParkedEvent {
  follower: string;
  tenantId: string;
  eventId: string;
  position: number;
  eventType: string;
  error: string;
}

/** How a replay ends a parked event. */
export type ResolvedStatus = 'retried' | 'skipped';

export interface ParkedEvent extends NewParkedEvent {
  id: number;
  parkedAt: string;
  status: ParkedStatus;
  attempts: number;
  /** Replay progress: the tenant's held events up to here are applied again (survives a crash mid-replay). */
  replayedThrough: number | null;
  requestedBy: string | null;
  requestedAt: string | null;
  resolvedAt: string | null;
}

/** Where a replay of the tenant starts (exclusive): at the parked event for a retry, after it for a skip. */
export function replayStart(parked: ParkedEvent): number {
  const start = parked.status === 'skip_requested' ? parked.position : parked.position - 1;
  return parked.replayedThrough === null ? start : Math.max(start, parked.replayedThrough);
}
