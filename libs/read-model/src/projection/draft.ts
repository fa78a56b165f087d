import type { GroupRow, UserRow } from './rows';

/**
 * The working set a batch of events is folded into: the rows the batch touches, loaded from the
 * database (incremental projection) or everything (rebuild). Reducers mutate only the draft; the
 * writer turns the draft into a few multi-row statements. A `null` entry means "known to be absent".
 *
 * `complete` drafts (rebuild) hold every row, so an id that is not in the maps is absent.
 */
export class ReadModelDraft {
  private readonly userRows = new DraftRows<UserRow>();
  private readonly groupRows = new DraftRows<GroupRow>();
  readonly users = this.userRows.rows;
  readonly groups = this.groupRows.rows;
  /** Final membership state of the pairs the batch touched (true = member). */
  readonly memberships = new Map<string, boolean>();
  /** The display the client sent with the add, for the member pairs that have one. */
  readonly memberDisplays = new Map<string, string>();
  /** Groups and users whose every membership ends (group or user deleted). */
  readonly clearedGroups = this.groupRows.cleared;
  readonly clearedUsers = this.userRows.cleared;
  /** Users and groups whose rows changed and must be written back. */
  readonly dirtyUsers = this.userRows.dirty;
  readonly dirtyGroups = this.groupRows.dirty;
  /** Users and groups the database was found not to hold when the draft was loaded: nothing to delete first. */
  readonly storedAbsentUsers = this.userRows.storedAbsent;
  readonly storedAbsentGroups = this.groupRows.storedAbsent;
  /**
   * Users the batch names only as members, found in the database: a member add needs to know that
   * the user exists, not its row (loading every member's whole resource was a fifth of a catch-up's
   * row parsing). No event of the batch changes them.
   */
  readonly storedMembers = new Set<string>();

  getUser(tenantId: string, id: string): UserRow | undefined {
    return this.userRows.get(tenantId, id);
  }

  /** Whether the user exists as of the draft: a row, or a member found stored. */
  hasUser(tenantId: string, id: string): boolean {
    const key = rowKey(tenantId, id);
    return Boolean(this.users.get(key)) || this.storedMembers.has(key);
  }

  getGroup(tenantId: string, id: string): GroupRow | undefined {
    return this.groupRows.get(tenantId, id);
  }

  putUser(row: UserRow): void {
    this.userRows.put(row);
  }

  removeUser(tenantId: string, id: string): void {
    this.forgetPairs(this.pairsByUser, this.userRows.remove(tenantId, id));
  }

  putGroup(row: GroupRow): void {
    this.groupRows.put(row);
  }

  removeGroup(tenantId: string, id: string): void {
    this.forgetPairs(this.pairsByGroup, this.groupRows.remove(tenantId, id));
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

/** The users or the groups of a draft: their rows, which changed, which ended with all their memberships. */
class DraftRows<Row extends { tenantId: string; id: string }> {
  readonly rows = new Map<string, Row | null>();
  readonly dirty = new Set<string>();
  readonly cleared = new Set<string>();
  readonly storedAbsent = new Set<string>();

  get(tenantId: string, id: string): Row | undefined {
    return this.rows.get(rowKey(tenantId, id)) ?? undefined;
  }

  put(row: Row): void {
    const key = rowKey(row.tenantId, row.id);
    this.rows.set(key, row);
    this.dirty.add(key);
  }

  /** The key of the removed row, whose memberships end with it. */
  remove(tenantId: string, id: string): string {
    const key = rowKey(tenantId, id);
    this.rows.set(key, null);
    this.dirty.add(key);
    this.cleared.add(key);
    return key;
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
