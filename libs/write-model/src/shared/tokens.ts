/** Injection token of the MemberDirectory port (implemented by the read model). */
export const MEMBER_DIRECTORY = Symbol('MEMBER_DIRECTORY');

/**
 * The current members of a group, needed only to turn a full "replace members" into adds and
 * removes. Implementations must be up to date with every membership event committed before the
 * call (e.g. the read model waits for the projector to reach the event store head first); a
 * lagging answer would leave members that should have been removed.
 */
export interface MemberDirectory {
  currentMembers(tenantId: string, groupId: string): Promise<string[]>;
}
