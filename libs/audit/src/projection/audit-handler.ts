import type { Pool } from 'pg';
import type { RecordedEvent } from '@lib/event-store';
import { EventFailure, type ApplyRequest, type FollowerHandler } from '@lib/follower';
import { toAuditEvent, type AuditEvent } from '../model/audit-event';
import { AUDIT_PROJECTION_NAME } from '../schema/table-names';
import { ensureAuditCheckpoint, readAuditPosition, saveAuditPosition } from './audit-checkpoint';
import { loadAuditDraft } from './audit-draft';
import { foldAuditEvent, isAuditedEventType } from './audit-reducers';
import { writeAuditDraft } from './audit-writer';

/**
 * The audit projection as a follower: per batch, load what it touches (a few queries), fold the
 * events in memory, write each table with one statement, save the checkpoint: ONE transaction,
 * so the hash chain never holds half a batch. An event a reducer refuses is named to the runtime,
 * which parks it (its tenant waits; the other tenants' audit goes on).
 */
export class AuditHandler implements FollowerHandler {
  /** A sealed record keeps its envelope and the withheld changes (paths only): no value is read in clear here. */
  readonly personalData = 'sealed';

  constructor(readonly name: string = AUDIT_PROJECTION_NAME) {}

  async checkpoint(pool: Pool): Promise<number> {
    await ensureAuditCheckpoint(pool, this.name);
    return (await readAuditPosition(pool, this.name)) ?? 0;
  }

  async apply(request: ApplyRequest): Promise<void> {
    await request.transaction(async (client) => {
      let events = request.events;
      let checkpoint: number | undefined;
      if (request.through !== null) {
        checkpoint = await readAuditPosition(client, this.name, true);
        if (checkpoint === undefined) throw new Error(`audit checkpoint ${this.name} is missing`);
        events = events.filter((event) => event.globalPosition > checkpoint!);
      }
      const audited = events
        .map((recorded) => ({ recorded, event: toAuditEvent(recorded) }))
        .filter(({ event }) => isAuditedEventType(event.type));
      const draft = await loadAuditDraft(
        client,
        audited.map(({ event }) => event),
      );
      for (const { recorded, event } of audited) fold(draft, recorded, event);
      await writeAuditDraft(client, draft);
      if (request.through !== null) await saveAuditPosition(client, this.name, Math.max(checkpoint!, request.through));
    });
  }
}

function fold(draft: Parameters<typeof foldAuditEvent>[0], recorded: RecordedEvent, event: AuditEvent): void {
  try {
    foldAuditEvent(draft, event);
  } catch (error) {
    throw new EventFailure(recorded, error instanceof Error ? error.message : String(error), { cause: error });
  }
}
