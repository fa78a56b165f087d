import type { RecordedEvent } from '@lib/event-store';
import { isScimDomainEventType, upcasters, type ScimDomainEvent } from '@lib/domain';
import type { ReadModelDraft } from './draft';

/** A stored event brought to its current version, with what reducers need of its envelope. */
export type ProjectedEvent<E extends ScimDomainEvent = ScimDomainEvent> = E & {
  readonly eventId: string;
  readonly globalPosition: number;
  readonly streamRevision: number;
  /** metadata.occurredAt: the command's clock, used for meta.created / meta.lastModified. */
  readonly occurredAt: string;
};

/** (event type -> reducer) for one family of events; each reducer validates first, then mutates the draft. */
export type Reducers<E extends ScimDomainEvent> = {
  [T in E['type']]: (draft: ReadModelDraft, event: ProjectedEvent<Extract<E, { type: T }>>) => void;
};

/** Upcasts a recorded event of a known type; undefined for types no projection knows (tenant events...). */
export function toProjectedEvent(recorded: RecordedEvent): ProjectedEvent | undefined {
  if (!isScimDomainEventType(recorded.type)) return undefined;
  const current = upcasters.upcast<ScimDomainEvent>({
    type: recorded.type,
    version: recorded.metadata?.schemaVersion ?? 1,
    data: recorded.data,
  });
  return {
    ...current,
    eventId: recorded.eventId,
    globalPosition: recorded.globalPosition,
    streamRevision: recorded.streamRevision,
    occurredAt: normalizeInstant(recorded.metadata?.occurredAt, recorded.recordedAt),
  } as ProjectedEvent;
}

/** An event the projection cannot apply: the projection stops here rather than skip it. */
export class ProjectionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'ProjectionError';
  }
}

/**
 * One spelling per instant (toISOString, millisecond precision), so a timestamp read back from a
 * timestamptz column equals the one folded in memory: incremental projection and rebuild agree.
 */
function normalizeInstant(occurredAt: string | undefined, recordedAt: Date): string {
  const parsed = occurredAt === undefined ? Number.NaN : Date.parse(occurredAt);
  return new Date(Number.isNaN(parsed) ? new Date(recordedAt).getTime() : parsed).toISOString();
}
