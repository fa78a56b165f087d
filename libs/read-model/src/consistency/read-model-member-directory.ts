import type { SqlExecutor } from '../projection/sql-executor';
import { GroupQueries } from '../queries/group-queries';
import type { CheckpointWaiter } from './checkpoint-waiter';
import { ReadModelNotCurrentError } from './not-visible-error';

/** The write model's MemberDirectory port (libs/write-model shared/tokens.ts), structurally. */
export interface MemberDirectoryPort {
  currentMembers(tenantId: string, groupId: string, atLeast: number): Promise<string[]>;
}

/**
 * Current members of a group from the read model, once it shows every membership change up to
 * the position the write model names (the group's membership version): a stale list would let a
 * "replace members" leave members behind, so a lag past the timeout is a 503
 * (ReadModelNotCurrentError), never a stale answer; a tenant held behind a parked event is
 * answered at once, and another tenant's parked events never hold it up.
 */
export class ReadModelMemberDirectory implements MemberDirectoryPort {
  private readonly groups: GroupQueries;

  constructor(
    db: SqlExecutor,
    private readonly waiter: CheckpointWaiter,
    private readonly timeoutMs = 5000,
  ) {
    this.groups = new GroupQueries(db);
  }

  async currentMembers(tenantId: string, groupId: string, atLeast: number): Promise<string[]> {
    const outcome = await this.waiter.waitForTenant(tenantId, atLeast, this.timeoutMs);
    if (!outcome.visible) {
      const reason = outcome.lagging
        ? { kind: 'lagging' as const, timeoutMs: this.timeoutMs }
        : { kind: 'parked' as const, since: outcome.held.since };
      throw new ReadModelNotCurrentError('SCIM-kGUX', atLeast, reason, { subject: 'members' });
    }
    return this.groups.memberIds(tenantId, groupId);
  }
}
