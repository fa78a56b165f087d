import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@lib/event-store';

/** Builds RecordedEvents for tests: positions increase, metadata is complete. */
export class RecordedEventFactory {
  private position = 0;

  constructor(
    private readonly tenantId = 'tenant-a',
    private readonly clock: () => Date = () => new Date(),
  ) {}

  event(
    type: string,
    data: Record<string, unknown>,
    streamId = `${type}-stream`,
    overrides: Partial<RecordedEvent['metadata']> = {},
  ): RecordedEvent {
    this.position += 1;
    const requestId = `req-${this.position}`;
    return {
      eventId: randomUUID(),
      type,
      data: { tenantId: this.tenantId, ...data },
      metadata: {
        tenantId: this.tenantId,
        actor: { kind: 'scim-key', keyId: 'key-1', idpProfile: 'okta' },
        requestId,
        correlationId: requestId,
        causationId: requestId,
        occurredAt: this.clock().toISOString(),
        schemaVersion: 1,
        ...overrides,
      },
      streamId,
      streamRevision: 0,
      globalPosition: this.position,
      recordedAt: this.clock(),
    };
  }
}
