import type { RecordedEvent } from '@lib/event-store';
import { isAvailabilityError } from '@lib/platform';

/**
 * How a follower treats a failure. Only two kinds exist:
 *
 * - transient: the database, the broker or the network is not answering. It says nothing about
 *   the events: back off with jitter, resume from the checkpoint, forever.
 * - event: the handler could not apply what it was given. It MAY be one poison event; the
 *   runtime proves it (applied alone, twice, after the connection is known good, with the same
 *   error) before it parks anything.
 */
export type FailureKind = 'transient' | 'event';

/** A handler's own transient errors beyond the database's (e.g. a Kafka broker that is down). */
export type TransientTest = (error: unknown) => boolean;

export function failureKind(error: unknown, handlerTransient?: TransientTest): FailureKind {
  if (error instanceof LeaseLostError) return 'transient';
  if (isAvailabilityError(error) || handlerTransient?.(error)) return 'transient';
  return 'event';
}

/**
 * Thrown by a handler that knows which event of a batch it could not apply; the runtime then
 * commits the events before it and tests that one alone instead of bisecting the batch.
 */
export class EventFailure extends Error {
  constructor(
    readonly event: RecordedEvent,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
    this.name = 'EventFailure';
  }
}

/** This instance is no longer the leader: another replica bumped the lease epoch. Nothing was committed. */
export class LeaseLostError extends Error {
  constructor(follower: string, epoch: number) {
    super(`follower ${follower}: lease epoch ${epoch} is no longer current; another instance took over`);
    this.name = 'LeaseLostError';
  }
}

/** The same event failed twice alone with different errors: not deterministic, so not poison. */
export class UnstableFailureError extends Error {
  constructor(event: RecordedEvent, first: string, second: string) {
    super(
      `event ${event.eventId} at ${event.globalPosition} failed alone twice with different errors (${first} / ` +
        `${second}); retrying later`,
    );
    this.name = 'UnstableFailureError';
  }
}

/** One line for logs and the parked-events table: the error's name and message, never a stack. */
export function describeError(error: unknown): string {
  if (error instanceof EventFailure) return error.reason;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
  }
  return String(error);
}

/** The tenant an event belongs to ('' for an event without one: it is parked and held like any tenant). */
export function tenantOf(event: RecordedEvent): string {
  const fromMetadata = event.metadata?.tenantId;
  if (typeof fromMetadata === 'string') return fromMetadata;
  const fromData = (event.data as { tenantId?: unknown } | undefined)?.tenantId;
  return typeof fromData === 'string' ? fromData : '';
}
