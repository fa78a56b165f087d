import type { EventMetadata, RecordedEvent } from '../event-store.port';

export interface EventRow {
  global_position: string;
  stream_id: string;
  stream_revision: number;
  event_id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recorded_at: Date;
}

export const EVENT_COLUMNS = 'global_position, stream_id, stream_revision, event_id, type, data, metadata, recorded_at';

/** bigint arrives as a string from pg; positions stay far below 2^53, so a number is exact. */
export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    streamRevision: row.stream_revision,
    globalPosition: Number(row.global_position),
    recordedAt: row.recorded_at,
  };
}
