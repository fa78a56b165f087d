/**
 * The orchestrator <-> load-process protocol (Node IPC messages, JSON). The load process runs
 * every request of the benchmark: the orchestrator only starts the stack, prepares data and
 * asks for jobs, so client-side work never shares a CPU budget with the orchestrator's.
 */

/** userName of the i-th bulk-loaded user (the service's load and the peer's seed use the same). */
export const loadedUserName = (i: number): string => `u${i}@load.bench`;

export interface Pacing {
  concurrency: number;
  durationMs: number;
  /** Hard cap on requests, whatever the duration. */
  maxRequests: number;
  /** Requests sent (and not measured) first, to warm connections and JIT. */
  warmup?: number;
}

export type HttpTarget =
  /** POST {base}/Users with userName `${prefix}-${i}@create.bench`. */
  | { kind: 'create-user'; base: string; apiKey: string; prefix: string }
  /** GET {base}/Users?filter=userName eq "u<random below users>@load.bench"; expects exactly one result. */
  | { kind: 'filter-user'; base: string; apiKey: string; users: number }
  /** PATCH {base}/Groups/{groupId}: request i removes (even i) or adds back (odd i) userIds[i/2 mod n]. */
  | {
      kind: 'patch-member';
      base: string;
      apiKey: string;
      groupId: string;
      userIds: string[];
      withMembersInAnswer: boolean;
    }
  /**
   * GET {base}/Users/{id} of a random loaded user (ids sampled from the read model by the load process); expects that
   * id back.
   */
  | { kind: 'get-user'; base: string; apiKey: string; sample: UserSample };

/** Where the load process samples user ids from: the read model's table, read once per job. */
export interface UserSample {
  databaseUrl: string;
  tenantId: string;
  size: number;
}

export type Job =
  | { kind: 'http'; target: HttpTarget; pacing: Pacing }
  /** Autocommit single-row INSERTs into bench_raw_insert (one commit each). */
  | { kind: 'pg-insert'; databaseUrl: string; pacing: Pacing }
  /** The service's PostgreSQL event store alone: one 1-event append per request, each to a new stream. */
  | { kind: 'event-store-append'; databaseUrl: string; pacing: Pacing }
  /** The read model's indexed lookup, straight SQL: same predicate the service's filter compiles to. */
  | { kind: 'pg-lookup'; databaseUrl: string; tenantId: string; users: number; pacing: Pacing }
  /** The read model's primary-key lookup, straight SQL: what GET /Users/{id} reads (without the groups subquery). */
  | { kind: 'pg-get-by-id'; sample: UserSample; pacing: Pacing }
  /**
   * GET {base}/Users?cursor=&count={pageSize}, then every nextCursor until the last page, one at a
   * time; then the first, middle and last pages again, `repeats` times each, interleaved.
   */
  | { kind: 'cursor-walk'; base: string; apiKey: string; pageSize: number; repeats: number; timeoutMs: number }
  /**
   * PATCH active=false at `ratePerSecond` for `durationMs` (one user each), and a kafkajs consumer
   * on `topic`: latency = message consumed - HTTP answer received.
   */
  | {
      kind: 'deactivation';
      brokers: string;
      topic: string;
      base: string;
      apiKey: string;
      userIds: string[];
      ratePerSecond: number;
      durationMs: number;
      drainMs: number;
    };

export interface Stats {
  count: number;
  errors: number;
  errorSamples: string[];
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface DeactivationStats extends Stats {
  sent: number;
  /** Messages consumed before the HTTP answer arrived (counted as 0 ms). */
  beforeAnswer: number;
  missing: number;
  http: Stats;
  /** Request sent -> message consumed (includes the HTTP answer time). */
  sentToConsumed: Stats;
}

export interface CursorWalkStats extends Stats {
  /** Pages read in the walk and the resources they held (must equal totalResults). */
  pages: number;
  resources: number;
  totalResults: number;
  /** The three pages timed again (`repeats` times each, interleaved): their own latency statistics. */
  first: Stats;
  middle: Stats;
  last: Stats;
}

export type Request = { id: number; job: Job };
export type Response =
  | { id: number; ok: true; result: Stats | DeactivationStats | CursorWalkStats }
  | { id: number; ok: false; error: string };
