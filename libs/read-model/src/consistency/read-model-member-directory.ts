import type { EventStore } from '@lib/event-store';
import type { SqlExecutor } from '../projection/sql-executor';
import { GroupQueries } from '../queries/group-queries';
import type { CheckpointWaiter } from './checkpoint-waiter';
import { ReadModelNotCurrentError } from './not-visible-error';

/** The write model's MemberDirectory port (libs/write-model shared/tokens.ts), structurally. */
export interface MemberDirectoryPort {
  currentMembers(tenantId: string, groupId: string): Promise<string[]>;
}

/**
 * Current members of a group from the read model, once it shows every write committed before
 * the call: a stale list would let a "replace members" leave members behind, so a lag past the
 * timeout is a 503 (ReadModelNotCurrentError), never a stale answer. The event store has no
 * per-tenant head, so the bound is the global head at the call; another tenant's parked events
 * never hold it up (the checkpoint moves past them), and a held tenant is answered at once.
 */
export class ReadModelMemberDirectory implements MemberDirectoryPort {
  private readonly groups: GroupQueries;

  constructor(
    db: SqlExecutor,
    private readonly eventStore: EventStore,
    private readonly waiter: CheckpointWaiter,
    private readonly timeoutMs = 5000,
  ) {
    this.groups = new GroupQueries(db);
  }

  async currentMembers(tenantId: string, groupId: string): Promise<string[]> {
    const head = await this.eventStore.headPosition();
    const outcome = await this.waiter.waitForTenant(tenantId, head, this.timeoutMs);
    if (!outcome.visible) {
      const reason = outcome.lagging ? { kind: 'lagging' as const, timeoutMs: this.timeoutMs } : { kind: 'parked' as const, since: outcome.held.since };
      throw new ReadModelNotCurrentError(head, reason, { subject: 'members' });
    }
    return this.groups.memberIds(tenantId, groupId);
  }
}
