import type { RecordedEvent } from '@lib/event-store';
import { PERSONAL_DATA_FIELD, upcasters } from '@lib/domain';

export interface AuditActor {
  kind: string;
  keyId?: string;
  idpProfile?: string;
}

/**
 * What the audit projection and the oracle read of a stored event: the upcast data and the
 * envelope fields an auditor sees. `occurredAt` is the command's clock (metadata.occurredAt),
 * normalised to one spelling (toISOString) so a value read back from timestamptz compares equal.
 */
export interface AuditEvent {
  eventId: string;
  globalPosition: number;
  type: string;
  data: Record<string, unknown>;
  tenantId: string;
  actor: AuditActor;
  requestId: string;
  correlationId: string;
  occurredAt: string;
  /**
   * The event's personal attributes as stored: ciphertext under the person's data key (absent
   * for events stored in clear). Never altered, so the hash chain covers it instead of the values
   * an erasure removes; answers decrypt it while the key exists.
   */
  sealed?: unknown;
}

export function toAuditEvent(recorded: RecordedEvent): AuditEvent {
  const upcast = upcasters.upcast({
    type: recorded.type,
    version: recorded.metadata?.schemaVersion ?? 1,
    data: recorded.data,
  });
  const metadata = recorded.metadata;
  return {
    eventId: recorded.eventId,
    globalPosition: recorded.globalPosition,
    type: upcast.type,
    data: upcast.data as Record<string, unknown>,
    tenantId: metadata?.tenantId ?? String((recorded.data as { tenantId?: unknown }).tenantId ?? ''),
    actor: { ...(metadata?.actor ?? { kind: 'system' }) },
    requestId: metadata?.requestId ?? '',
    correlationId: metadata?.correlationId ?? metadata?.requestId ?? '',
    occurredAt: normalizeInstant(metadata?.occurredAt, recorded.recordedAt),
    ...(upcast.data && (upcast.data as Record<string, unknown>)[PERSONAL_DATA_FIELD]
      ? { sealed: (upcast.data as Record<string, unknown>)[PERSONAL_DATA_FIELD] }
      : {}),
  };
}

/** Millisecond ISO spelling; falls back to the store's recorded time for an event without a clock. */
export function normalizeInstant(occurredAt: string | undefined, fallback: Date): string {
  const parsed = occurredAt === undefined ? Number.NaN : Date.parse(occurredAt);
  return new Date(Number.isNaN(parsed) ? new Date(fallback).getTime() : parsed).toISOString();
}

/** Event types that appear in the audit log, and the auditor-credential events this library writes. */
export const AuditorEventTypes = {
  issued: 'AuditorCredentialIssued',
  revoked: 'AuditorCredentialRevoked',
} as const;
export type AuditorEventType = (typeof AuditorEventTypes)[keyof typeof AuditorEventTypes];

export const auditorStream = (tenantId: string): string => `auditor-${tenantId}`;
