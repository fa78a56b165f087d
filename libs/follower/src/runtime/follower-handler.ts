import type { Pool, PoolClient } from 'pg';
import type { ReadAllOptions, RecordedEvent } from '@lib/event-store';

/**
 * One unit of work the runtime hands a follower: events to apply, in log order, and where the
 * checkpoint goes when they are committed.
 */
export interface ApplyRequest {
  /** The events to apply (those of held tenants are already taken out). May be empty. */
  readonly events: readonly RecordedEvent[];
  /**
   * The checkpoint to record in the same commit: every event up to it is applied or held.
   * `null` when replaying a held tenant's events, which are already behind the checkpoint:
   * apply them, leave the checkpoint where it is.
   */
  readonly through: number | null;
  /** The checkpoint this instance believes is committed (a compare-and-set guard for handlers that want one). */
  readonly from: number;
  /**
   * Runs `work` in ONE transaction that the runtime fences with the leader lease (a deposed
   * leader's commit is refused) and completes with its own bookkeeping (replay progress).
   * Call it exactly once per request, with every database write of the request inside.
   */
  transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T>;
}

/**
 * What differs between followers. The runtime owns everything else: leadership, reading the log,
 * batching, backoff, telling a poison event from an outage, parking, replay and health.
 */
export interface FollowerHandler {
  /** The follower's name: its lease, its parked events and (usually) its checkpoint row. */
  readonly name: string;
  /**
   * `sealed`: the handler uses only what stays readable after an erasure (ids, `active`, the
   * paths of changed attributes), so its events come with their personal data left encrypted,
   * at no cost in key reads or decryption. Default `opened` (in clear).
   */
  readonly personalData?: 'opened' | 'sealed';
  /** The committed checkpoint (created at 0 the first time). */
  checkpoint(pool: Pool): Promise<number>;
  /**
   * Applies the request. Throws an EventFailure when it knows which event it cannot apply, any
   * other error otherwise (the runtime classifies it: transient, or a reason to isolate).
   */
  apply(request: ApplyRequest): Promise<void>;
  /** Errors of the handler's own dependencies that mean "not now" (the database's are known). */
  isTransient?(error: unknown): boolean;
  /** Checks the handler's own dependencies answer (the database is checked by the runtime). */
  ping?(): Promise<void>;
  /** Called after the runtime became the active instance, before the first batch (e.g. create Kafka topics). */
  prepare?(): Promise<void>;
}

/** The event log as followers read it (`tenantId`: one tenant's events, for the replay of a held tenant). */
export interface EventSource {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  headPosition(): Promise<number>;
}
