/** One (group, user) membership as the publisher tracks it. */
export interface MembershipRow {
  tenantId: string;
  groupId: string;
  userId: string;
}

export interface RoleNameRow {
  tenantId: string;
  groupId: string;
  displayName: string;
}

/** What the store must load before a batch can be mapped (see requiredState). */
export interface StateKeys {
  /** Every membership of these groups (group deleted). */
  groups: Array<{ tenantId: string; groupId: string }>;
  /** Every membership of these users (user deleted). */
  users: Array<{ tenantId: string; userId: string }>;
  /** These exact memberships (member added / removed). */
  pairs: MembershipRow[];
}

export interface StateChanges {
  added: MembershipRow[];
  removed: MembershipRow[];
  roleNames: RoleNameRow[];
}

const pairKey = (t: string, g: string, u: string) => JSON.stringify([t, g, u]);
const groupKey = (t: string, g: string) => JSON.stringify([t, g]);

/**
 * Who is in which group, at the position the publisher has reached: the part of the persisted
 * membership table a batch needs, plus the batch's own changes applied in memory. The mapping
 * asks it questions; the publisher persists `changes()` together with its checkpoint, only after
 * the broker acknowledged the batch.
 */
export class MembershipState {
  private readonly members = new Map<string, MembershipRow>();
  private readonly names = new Map<string, string>();
  private readonly dirtyPairs = new Map<string, { row: MembershipRow; present: boolean }>();
  private readonly dirtyNames = new Map<string, RoleNameRow>();

  constructor(snapshot: { memberships?: MembershipRow[]; roleNames?: RoleNameRow[] } = {}) {
    for (const row of snapshot.memberships ?? [])
      this.members.set(pairKey(row.tenantId, row.groupId, row.userId), { ...row });
    for (const row of snapshot.roleNames ?? []) this.names.set(groupKey(row.tenantId, row.groupId), row.displayName);
  }

  isMember(tenantId: string, groupId: string, userId: string): boolean {
    return this.members.has(pairKey(tenantId, groupId, userId));
  }

  add(row: MembershipRow): void {
    const key = pairKey(row.tenantId, row.groupId, row.userId);
    this.members.set(key, { ...row });
    this.dirtyPairs.set(key, { row: { ...row }, present: true });
  }

  remove(row: MembershipRow): void {
    const key = pairKey(row.tenantId, row.groupId, row.userId);
    this.members.delete(key);
    this.dirtyPairs.set(key, { row: { ...row }, present: false });
  }

  /** User ids, sorted so a fan-out is produced in a stable order. */
  membersOf(tenantId: string, groupId: string): string[] {
    return [...this.members.values()]
      .filter((m) => m.tenantId === tenantId && m.groupId === groupId)
      .map((m) => m.userId)
      .sort();
  }

  groupsOf(tenantId: string, userId: string): string[] {
    return [...this.members.values()]
      .filter((m) => m.tenantId === tenantId && m.userId === userId)
      .map((m) => m.groupId)
      .sort();
  }

  roleName(tenantId: string, groupId: string): string | null {
    return this.names.get(groupKey(tenantId, groupId)) ?? null;
  }

  setRoleName(row: RoleNameRow): void {
    this.names.set(groupKey(row.tenantId, row.groupId), row.displayName);
    this.dirtyNames.set(groupKey(row.tenantId, row.groupId), { ...row });
  }

  changes(): StateChanges {
    const dirty = [...this.dirtyPairs.values()];
    return {
      added: dirty.filter((d) => d.present).map((d) => d.row),
      removed: dirty.filter((d) => !d.present).map((d) => d.row),
      roleNames: [...this.dirtyNames.values()],
    };
  }
}
