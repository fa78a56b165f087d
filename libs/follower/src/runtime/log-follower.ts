import type { Pool } from 'pg';
import type { EventStore } from '@lib/event-store';
import { createFollower, type CreateFollowerOptions } from './create-follower';
import type { FollowerHandler } from './follower-handler';
import type { FollowerHealth, FollowerRuntime } from './follower-runtime';

/** What an app may tune of a follower; the rest is the runtime's defaults. */
export type LogFollowerOptions = Pick<
  CreateFollowerOptions,
  'logger' | 'batchSize' | 'idlePollMs' | 'initialBackoffMs' | 'maxBackoffMs' | 'instance' | 'keepsPace'
>;

/**
 * A follower of the log as the apps run it: one handler in the follower runtime, wired for
 * production (createFollower), read in batches of 1,000 events unless told otherwise. Several
 * may run against one database: one is active, the others stand by.
 */
export class LogFollower {
  readonly name: string;
  readonly runtime: FollowerRuntime;

  constructor(pool: Pool, eventStore: EventStore, handler: FollowerHandler, options: LogFollowerOptions = {}) {
    this.name = handler.name;
    this.runtime = createFollower({
      pool,
      eventStore,
      handler,
      logger: options.logger,
      batchSize: options.batchSize ?? 1000,
      idlePollMs: options.idlePollMs,
      initialBackoffMs: options.initialBackoffMs,
      maxBackoffMs: options.maxBackoffMs,
      instance: options.instance,
      keepsPace: options.keepsPace,
    });
  }

  /** Returns at once: the runtime campaigns for the lease and follows the log in the background. */
  start(): void {
    this.runtime.start();
  }

  async stop(): Promise<void> {
    await this.runtime.stop();
  }

  health(): FollowerHealth {
    return this.runtime.health();
  }
}
