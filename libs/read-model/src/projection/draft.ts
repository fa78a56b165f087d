import type { GroupRow, UserRow } from './rows';

/**
 * The working set a batch of events is folded into: the rows the batch touches, loaded from the
 * database (incremental projection) or everything (rebuild). Reducers mutate only the draft; the
 * writer turns the draft into a few multi-row statements. A `null` entry means "known to be absent".
 *
 * `complete` drafts (rebuild) hold every row, so an id that is not in the maps is absent.
 */
export class ReadModelDraft {
  readonly users = new Map<string, UserRow | null>();
  readonly groups = new Map<string, GroupRow | null>();
  /** Final membership state of the pairs the batch touched (true = member). */
  readonly memberships = new Map<string, boolean>();
  /** The display the client sent with the add, for the member pairs that have one. */
  readonly memberDisplays = new Map<string, string>();
  /** Groups and users whose every membership ends (group or user deleted). */
  readonly clearedGroups = new Set<string>();
  readonly clearedUsers = new Set<string>();
  /** Users and groups whose rows changed and must be written back. */
  readonly dirtyUsers = new Set<string>();
  readonly dirtyGroups = new Set<string>();

  getUser(tenantId: string, id: string): UserRow | undefined {
    return this.users.get(rowKey(tenantId, id)) ?? undefined;
  }

  getGroup(tenantId: string, id: string): GroupRow | undefined {
    return this.groups.get(rowKey(tenantId, id)) ?? undefined;
  }

  putUser(row: UserRow): void {
    const key = rowKey(row.tenantId, row.id);
    this.users.set(key, row);
    this.dirtyUsers.add(key);
  }

  removeUser(tenantId: string, id: string): void {
    const key = rowKey(tenantId, id);
    this.users.set(key, null);
    this.dirtyUsers.add(key);
    this.clearedUsers.add(key);
    this.forgetPairs(this.pairsByUser, key);
  }

  putGroup(row: GroupRow): void {
    const key = rowKey(row.tenantId, row.id);
    this.groups.set(key, row);
    this.dirtyGroups.add(key);
  }

  removeGroup(tenantId: string, id: string): void {
    const key = rowKey(tenantId, id);
    this.groups.set(key, null);
    this.dirtyGroups.add(key);
    this.clearedGroups.add(key);
    this.forgetPairs(this.pairsByGroup, key);
  }

  setMember(tenantId: string, groupId: string, userId: string, isMember: boolean, display?: string): void {
    const pair = pairKey(tenantId, groupId, userId);
    this.memberships.set(pair, isMember);
    if (isMember && display !== undefined) this.memberDisplays.set(pair, display);
    else this.memberDisplays.delete(pair);
    index(this.pairsByUser, rowKey(tenantId, userId), pair);
    index(this.pairsByGroup, rowKey(tenantId, groupId), pair);
  }

  /** Pairs by user and by group, so a delete forgets its pairs without scanning every membership. */
  private readonly pairsByUser = new Map<string, Set<string>>();
  private readonly pairsByGroup = new Map<string, Set<string>>();

  private forgetPairs(byOwner: Map<string, Set<string>>, owner: string): void {
    for (const pair of byOwner.get(owner) ?? []) {
      this.memberships.delete(pair);
      this.memberDisplays.delete(pair);
    }
    byOwner.delete(owner);
  }
}

/** Keys join ids with NUL, which cannot occur in a SCIM id or tenant id coming through JSON text. */
const SEPARATOR = '\u0000';
export const rowKey = (tenantId: string, id: string): string => `${tenantId}${SEPARATOR}${id}`;
export const pairKey = (tenantId: string, groupId: string, userId: string): string =>
  `${tenantId}${SEPARATOR}${groupId}${SEPARATOR}${userId}`;
export function splitKey(key: string): string[] {
  return key.split(SEPARATOR);
}
function index(byOwner: Map<string, Set<string>>, owner: string, pair: string): void {
  const pairs = byOwner.get(owner);
  if (pairs) pairs.add(pair);
  else byOwner.set(owner, new Set([pair]));
}
