import type { RecordedEvent } from '@lib/event-store';

let position = 0;

/** A recorded event of tenant `t` for projection unit tests: each at the next global position and second. */
export function recorded(type: string, data: Record<string, unknown>, streamRevision = 0): RecordedEvent {
  position++;
  return {
    eventId: `e${position}`,
    type,
    data,
    streamId: 's',
    streamRevision,
    globalPosition: position,
    recordedAt: new Date(0),
    metadata: {
      tenantId: 't',
      actor: { kind: 'system' },
      requestId: 'r',
      correlationId: 'r',
      causationId: 'r',
      occurredAt: new Date(Date.UTC(2025, 0, 1, 0, 0, position)).toISOString(),
      schemaVersion: 1,
    },
  };
}
