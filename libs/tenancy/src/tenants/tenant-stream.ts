import { Inject, Injectable } from '@nestjs/common';
import { fold, tenantDecider, tenantStream, type TenantEvent, type TenantState } from '@lib/domain';
import { isTenantId } from './tenant-id';
import { EVENT_STORE, type EventStore, type ExpectedRevision, type RecordedEvent } from '@lib/event-store';

export interface LoadedTenant {
  state: TenantState;
  /** The stream's revision, for the append's expected revision. */
  revision: ExpectedRevision;
  /** When the tenant was created (its first event), if it exists. */
  createdAt: string | undefined;
}

/** Reads the tenant stream `tenant-{tenantId}`; knows nothing of HTTP. */
@Injectable()
export class TenantStream {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** A tenant id that cannot exist (not of the tenant id form) is an unknown tenant, without a read. */
  async load(tenantId: string): Promise<LoadedTenant> {
    const recorded = isTenantId(tenantId) ? await this.store.readStream(tenantStream(tenantId)) : [];
    const events = recorded.map(toTenantEvent);
    const last = recorded[recorded.length - 1];
    return {
      state: fold(tenantDecider, events),
      revision: last ? last.streamRevision : 'no_stream',
      createdAt: recorded[0]?.metadata.occurredAt,
    };
  }
}

/** Tenant events are all at version 1 and have no upcasters yet, so the stored data is the event. */
function toTenantEvent(recorded: RecordedEvent): TenantEvent {
  return {
    type: recorded.type,
    version: recorded.metadata.schemaVersion,
    data: recorded.data,
  } as unknown as TenantEvent;
}
