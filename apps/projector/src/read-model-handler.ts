import type { Pool } from 'pg';
import type { RecordedEvent } from '@lib/event-store';
import { EventFailure, type ApplyRequest, type FollowerHandler } from '@lib/follower';
import {
  applyEvents,
  ensureCheckpoint,
  LIVE_TABLES,
  type PlannerStatistics,
  readCheckpoint,
  saveCheckpoint,
  SCIM_PROJECTION_NAME,
  type ProjectionFailure,
  type QualifiedTables,
} from '@lib/read-model';

/**
 * The SCIM read models as a follower: each batch is folded and written in ONE transaction with
 * the checkpoint and its NOTIFY (read-your-writes), so a crash leaves all of a batch or none.
 */
export class ReadModelHandler implements FollowerHandler {
  constructor(
    readonly name: string = SCIM_PROJECTION_NAME,
    private readonly tables: QualifiedTables = LIVE_TABLES,
    private readonly statistics?: PlannerStatistics,
  ) {}

  async checkpoint(pool: Pool): Promise<number> {
    await ensureCheckpoint(pool, this.name);
    return (await readCheckpoint(pool, this.name))?.position ?? 0;
  }

  async apply(request: ApplyRequest): Promise<void> {
    await request.transaction(async (client) => {
      if (request.through === null) {
        // A held tenant's events, replayed behind the checkpoint: the checkpoint stays.
        this.throwIfFailed(request.events, await applyEvents(client, this.tables, request.events));
        return;
      }
      const checkpoint = await readCheckpoint(client, this.name, { forUpdate: true });
      if (!checkpoint) throw new Error(`checkpoint row ${this.name} is missing`);
      // A rebuild's swap may have moved the checkpoint on: what it covered is applied already.
      const fresh = request.events.filter((event) => event.globalPosition > checkpoint.position);
      this.throwIfFailed(fresh, await applyEvents(client, this.tables, fresh));
      await saveCheckpoint(client, this.name, Math.max(checkpoint.position, request.through), null);
    });
    this.statistics?.recordApplied(request.events.length);
  }

  private throwIfFailed(events: readonly RecordedEvent[], outcome: { failure?: ProjectionFailure }): void {
    const failure = outcome.failure;
    if (!failure) return;
    const event = events.find((e) => e.eventId === failure.eventId);
    if (!event) throw new Error(`${failure.type} at ${failure.globalPosition}: ${failure.reason}`);
    throw new EventFailure(event, `${failure.type}: ${failure.reason}`);
  }
}
