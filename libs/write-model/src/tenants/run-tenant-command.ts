import { decideTenant, tenantDecider, tenantStream, type CommandMetadata, type TenantCommand } from '@lib/domain';
import type { EventStore } from '@lib/event-store';
import type { WriteResult } from '../shared/command-result';
import { withRetry } from '../shared/concurrency';
import { loadAggregate } from '../shared/load-aggregate';
import { toAppend } from '../shared/to-append';

/** The four steps for any tenant command (admin actions: safe to re-decide on a lost race). */
export function runTenantCommand(
  store: EventStore,
  command: TenantCommand,
  metadata: CommandMetadata,
): Promise<WriteResult> {
  const streamId = tenantStream(command.tenantId);
  return withRetry(undefined, async () => {
    const tenant = await loadAggregate(store, streamId, tenantDecider);
    const events = decideTenant(command, tenant.state);
    if (events.length === 0) {
      return {
        id: command.tenantId,
        revision: tenant.revision,
        version: String(tenant.revision),
        lastGlobalPosition: tenant.lastGlobalPosition,
        changed: false,
      };
    }
    const expectedRevision = tenant.revision < 0 ? ('no_stream' as const) : tenant.revision;
    const result = await store.append(streamId, expectedRevision, toAppend(events, metadata));
    const revision = result.streams[0].nextExpectedRevision;
    return {
      id: command.tenantId,
      revision,
      version: String(revision),
      lastGlobalPosition: result.lastGlobalPosition,
      changed: true,
    };
  });
}
