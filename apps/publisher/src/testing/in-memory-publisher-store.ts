import type { MembershipRow, RoleNameRow, StateChanges, StateKeys } from '@lib/messaging';
import { CheckpointMovedError, type PublisherCheckpoint, type PublisherStore } from '../publisher-store';

/** PublisherStore in memory, for unit tests. */
export class InMemoryPublisherStore implements PublisherStore {
  readonly checkpoints = new Map<string, PublisherCheckpoint>();
  memberships: MembershipRow[] = [];
  roleNames: RoleNameRow[] = [];

  async load(name: string): Promise<PublisherCheckpoint> {
    if (!this.checkpoints.has(name)) this.checkpoints.set(name, { position: 0, status: 'running', lastError: null });
    return { ...this.checkpoints.get(name)! };
  }

  async loadState(_name: string, _keys: StateKeys): Promise<{ memberships: MembershipRow[]; roleNames: RoleNameRow[] }> {
    return { memberships: [...this.memberships], roleNames: [...this.roleNames] };
  }

  async commit(name: string, from: number, to: number, changes: StateChanges): Promise<void> {
    const current = await this.load(name);
    if (current.position !== from) throw new CheckpointMovedError(name, from, current.position);
    this.memberships = this.memberships.filter((m) => !changes.removed.some((r) => r.tenantId === m.tenantId && r.groupId === m.groupId && r.userId === m.userId));
    this.memberships.push(...changes.added);
    this.roleNames = [...this.roleNames.filter((n) => !changes.roleNames.some((c) => c.tenantId === n.tenantId && c.groupId === n.groupId)), ...changes.roleNames];
    this.checkpoints.set(name, { position: to, status: 'running', lastError: null });
  }

  async markFailed(name: string, lastError: string): Promise<void> {
    this.checkpoints.set(name, { ...(await this.load(name)), status: 'failed', lastError });
  }

  async clearFailure(name: string): Promise<void> {
    this.checkpoints.set(name, { ...(await this.load(name)), status: 'running', lastError: null });
  }
}
