import type { Pool } from 'pg';
import type { EventStore } from '@lib/event-store';
import { LogFollower, type FollowerLogger, type LogFollowerOptions } from '@lib/follower';
import { SCIM_PROJECTION_NAME, type QualifiedTables } from '@lib/read-model';
import { ReadModelHandler } from './read-model-handler';

export type ProjectorLogger = FollowerLogger;

export interface ProjectorOptions extends Omit<LogFollowerOptions, 'initialBackoffMs' | 'maxBackoffMs'> {
  name?: string;
  tables?: QualifiedTables;
}

/**
 * The read-model projector: the follower runtime (libs/follower) with the SCIM read models as
 * its handler. Several may run against one database: one is active, the others stand by.
 */
export class Projector extends LogFollower {
  constructor(pool: Pool, eventStore: EventStore, options: ProjectorOptions = {}) {
    super(pool, eventStore, new ReadModelHandler(options.name ?? SCIM_PROJECTION_NAME, options.tables), options);
  }
}
