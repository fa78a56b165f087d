import type { Pool } from 'pg';
import type { EventStore } from '@lib/event-store';
import { createFollower, type FollowerHealth, type FollowerLogger, type FollowerRuntime } from '@lib/follower';
import { AUDIT_PROJECTION_NAME } from '../schema/table-names';
import { AuditHandler } from './audit-handler';

export type AuditProjectorLogger = FollowerLogger;

export interface AuditProjectorOptions {
  name?: string;
  batchSize?: number;
  logger?: AuditProjectorLogger;
  idlePollMs?: number;
  instance?: string;
}

/** The audit projector: the follower runtime (libs/follower) with the audit projection as its handler. */
export class AuditProjector {
  readonly name: string;
  readonly runtime: FollowerRuntime;

  constructor(pool: Pool, eventStore: EventStore, options: AuditProjectorOptions = {}) {
    this.name = options.name ?? AUDIT_PROJECTION_NAME;
    this.runtime = createFollower({
      pool,
      eventStore,
      handler: new AuditHandler(this.name),
      logger: options.logger,
      batchSize: options.batchSize ?? 1000,
      idlePollMs: options.idlePollMs,
      instance: options.instance,
    });
  }

  async start(): Promise<void> {
    this.runtime.start();
  }

  async stop(): Promise<void> {
    await this.runtime.stop();
  }

  health(): FollowerHealth {
    return this.runtime.health();
  }

  /** Resolves once this instance committed `position` (tests). */
  waitFor(position: number, timeoutMs = 10_000): Promise<void> {
    return this.runtime.waitFor(position, timeoutMs);
  }
}
