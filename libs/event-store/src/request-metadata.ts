import { randomUUID } from 'node:crypto';
import type { EventMetadata } from './event-store.port';

/**
 * The metadata of an event that is its own request (a benchmark's or a tool's append, not a
 * command's): one request id, also the correlation and causation id, and schema version 1.
 */
export function requestMetadata(
  tenantId: string,
  actor: EventMetadata['actor'],
  occurredAt: string,
  requestId: string = randomUUID(),
): EventMetadata {
  return {
    tenantId,
    actor,
    requestId,
    correlationId: requestId,
    causationId: requestId,
    occurredAt,
    schemaVersion: 1,
  };
}
