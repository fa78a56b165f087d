import type { Pool } from 'pg';
import type { EventStore } from '@lib/event-store';
import { LogFollower, type FollowerLogger, type LogFollowerOptions } from '@lib/follower';
import {
  LIVE_TABLES,
  PlannerStatistics,
  SCIM_PROJECTION_NAME,
  type PlannerStatisticsOptions,
  type QualifiedTables,
} from '@lib/read-model';
import { ReadModelHandler } from './read-model-handler';

export type ProjectorLogger = FollowerLogger;

export interface ProjectorOptions extends Omit<LogFollowerOptions, 'initialBackoffMs' | 'maxBackoffMs' | 'keepsPace'> {
  name?: string;
  tables?: QualifiedTables;
  /** When the projector refreshes the read model's planner statistics (tests use small numbers). */
  statistics?: PlannerStatisticsOptions;
}

/**
 * The read-model projector: the follower runtime (libs/follower) with the SCIM read models as
 * its handler. Several may run against one database: one is active, the others stand by.
 */
export class Projector extends LogFollower {
  private readonly statistics: PlannerStatistics;

  constructor(pool: Pool, eventStore: EventStore, options: ProjectorOptions = {}) {
    const tables = options.tables ?? LIVE_TABLES;
    const statistics = new PlannerStatistics(pool, tables, options.statistics);
    // Every write with read-your-writes waits for the read model: it never waits for the other followers.
    super(pool, eventStore, new ReadModelHandler(options.name ?? SCIM_PROJECTION_NAME, tables, statistics), {
      ...options,
      keepsPace: false,
    });
    this.statistics = statistics;
  }

  override async stop(): Promise<void> {
    await super.stop();
    await this.statistics.settled();
  }
}
