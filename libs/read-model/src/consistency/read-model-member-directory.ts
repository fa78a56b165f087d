import type { SqlExecutor } from '../projection/sql-executor';
import { GroupQueries } from '../queries/group-queries';
import type { CheckpointWaiter } from './checkpoint-waiter';

/** The write model's MemberDirectory port (libs/write-model shared/tokens.ts), structurally. */
export interface MemberDirectoryPort {
  currentMembers(tenantId: string, groupId: string, atLeast: number): Promise<string[]>;
}

export class ReadModelLagError extends Error {
  constructor(position: number) {
    super(`the read model did not reach position ${position} in time; the member list would be stale`);
    this.name = 'ReadModelLagError';
  }
}

/**
 * Current members of a group from the read model, after waiting for the projector to reach the
 * position the write model names (the group's membership version): a stale list would let a
 * "replace members" leave members behind, so a timeout is an error, never a stale answer.
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
    if (!(await this.waiter.waitFor(atLeast, this.timeoutMs))) throw new ReadModelLagError(atLeast);
    return this.groups.memberIds(tenantId, groupId);
  }
}
