import type { Pool } from 'pg';
import type { EventStore } from '@lib/event-store';
import { createFollower, type FollowerHealth, type FollowerLogger, type FollowerRuntime } from '@lib/follower';
import { SCIM_PROJECTION_NAME, type QualifiedTables } from '@lib/read-model';
import { ReadModelHandler } from './read-model-handler';

export type ProjectorLogger = FollowerLogger;

export interface ProjectorOptions {
  name?: string;
  batchSize?: number;
  logger?: ProjectorLogger;
  tables?: QualifiedTables;
  idlePollMs?: number;
  instance?: string;
}

/**
 * The read-model projector: the follower runtime (libs/follower) with the SCIM read models as
 * its handler. Several may run against one database: one is active, the others stand by.
 */
export class Projector {
  readonly name: string;
  readonly runtime: FollowerRuntime;

  constructor(pool: Pool, eventStore: EventStore, options: ProjectorOptions = {}) {
    this.name = options.name ?? SCIM_PROJECTION_NAME;
    this.runtime = createFollower({
      pool,
      eventStore,
      handler: new ReadModelHandler(this.name, options.tables),
      logger: options.logger,
      batchSize: options.batchSize ?? 1000,
      idlePollMs: options.idlePollMs,
      instance: options.instance,
    });
  }

  /** Returns at once: the runtime campaigns for the lease and follows the log in the background. */
  async start(): Promise<void> {
    this.runtime.start();
  }

  async stop(): Promise<void> {
    await this.runtime.stop();
  }

  health(): FollowerHealth {
    return this.runtime.health();
  }
}
