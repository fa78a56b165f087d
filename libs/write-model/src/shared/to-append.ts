import { randomUUID } from 'node:crypto';
import type { CommandMetadata, DomainEvent } from '@lib/domain';
import type { EventToAppend } from '@lib/event-store';

/**
 * Domain events as the store takes them: a fresh event id each, the command's metadata, and the
 * event's schema version. (Event ids are generated here, in the write model, never in the domain.)
 */
export function toAppend(events: readonly DomainEvent<string, object>[], metadata: CommandMetadata): EventToAppend[] {
  return events.map((event) => ({
    eventId: randomUUID(),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: { ...metadata, schemaVersion: event.version },
  }));
}
