import type { Pool } from 'pg';
import type { EventStore } from '@lib/event-store';
import { LogFollower, type FollowerLogger, type LogFollowerOptions } from '@lib/follower';
import { AUDIT_PROJECTION_NAME } from '../schema/table-names';
import { AuditHandler } from './audit-handler';

export type AuditProjectorLogger = FollowerLogger;

export interface AuditProjectorOptions extends Omit<LogFollowerOptions, 'initialBackoffMs' | 'maxBackoffMs'> {
  name?: string;
}

/** The audit projector: the follower runtime (libs/follower) with the audit projection as its handler. */
export class AuditProjector extends LogFollower {
  constructor(pool: Pool, eventStore: EventStore, options: AuditProjectorOptions = {}) {
    super(pool, eventStore, new AuditHandler(options.name ?? AUDIT_PROJECTION_NAME), options);
  }

  /** Resolves once this instance committed `position` (tests). */
  waitFor(position: number, timeoutMs = 10_000): Promise<void> {
    return this.runtime.waitFor(position, timeoutMs);
  }
}
