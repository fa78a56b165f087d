import type { Pool } from 'pg';
import { EVENTS_APPENDED_CHANNEL, PostgresEventStore, type EventStore } from '@lib/event-store';
import type { TransactionOptions } from '@lib/platform';
import { PgLeaderLease } from '../lease/pg-leader-lease';
import { PARKING_CHANNEL } from '../migrations/table-names';
import type { FollowerHandler } from './follower-handler';
import { FollowerRuntime, type FollowerLogger, type FollowerRuntimeOptions } from './follower-runtime';
import { PgFollowerStore } from './follower-store';
import { SharedLog } from './shared-log';

export interface CreateFollowerOptions
  extends Partial<
    Pick<
      FollowerRuntimeOptions,
      'batchSize' | 'idlePollMs' | 'standbyRetryMs' | 'initialBackoffMs' | 'maxBackoffMs' | 'requestPollMs'
    >
  > {
  pool: Pool;
  eventStore: EventStore;
  handler: FollowerHandler;
  logger?: FollowerLogger;
  /** `durable` for followers whose commit must survive a crash on its own; projections re-apply, so `deferred`. */
  durability?: TransactionOptions['durability'];
  instance?: string;
  /**
   * Whether this follower waits for the slower followers of its process on the shared log (so that
   * each page is read and decoded once); default true. The read-model projector does not.
   */
  keepsPace?: boolean;
}

/**
 * A follower wired for production: the lease on a dedicated connection of the pool's database,
 * LISTENing (while active) for appends of the PostgreSQL event store and for operators' parking
 * requests. With another store the log is polled (idlePollMs, 100 ms by default). Followers
 * built on the same event store instance share their reads of the log (SharedLog).
 */
export function createFollower(options: CreateFollowerOptions): FollowerRuntime {
  const notifiesAppends = adapterOf(options.eventStore) instanceof PostgresEventStore;
  const lease = new PgLeaderLease({
    connection: options.pool.options,
    follower: options.handler.name,
    instance: options.instance,
    listen: {
      channels: notifiesAppends ? [EVENTS_APPENDED_CHANNEL, PARKING_CHANNEL] : [PARKING_CHANNEL],
      // Notifications arrive only once the runtime leads, long after this function returned.
      onNotification: (channel, payload) => runtime.onNotification(channel, payload),
    },
  });
  const runtime: FollowerRuntime = new FollowerRuntime({
    handler: options.handler,
    // The followers of this process read the log once between them.
    source: SharedLog.of(options.eventStore).reader(
      `${options.handler.name}/${lease.instance}`,
      options.keepsPace ?? true,
      options.handler.personalData ?? 'opened',
    ),
    store: new PgFollowerStore(options.pool, options.durability ?? 'deferred'),
    pool: options.pool,
    lease,
    instance: lease.instance,
    logger: options.logger,
    batchSize: options.batchSize,
    idlePollMs: options.idlePollMs ?? (notifiesAppends ? 250 : 100),
    standbyRetryMs: options.standbyRetryMs,
    initialBackoffMs: options.initialBackoffMs,
    maxBackoffMs: options.maxBackoffMs,
    requestPollMs: options.requestPollMs,
  });
  return runtime;
}

/**
 * The adapter behind decorators (the personal-data codec wraps it as `inner`): whether it NOTIFYs appends is the
 * adapter's.
 */
function adapterOf(store: EventStore): EventStore {
  let current = store;
  while ('inner' in current && current.inner && typeof current.inner === 'object')
    current = current.inner as EventStore;
  return current;
}
