/** Injection token of the MemberDirectory port (implemented by the read model). */
export const MEMBER_DIRECTORY = Symbol('MEMBER_DIRECTORY');

/**
 * The current members of a group, needed only to turn a full "replace members" into adds and
 * removes. The answer must include every membership event up to global position `atLeast` (the
 * group's membership version marker: the read model waits for its projector to get there); a
 * newer answer is fine (the replace's append expects the version and fails if it moved), an
 * older one is not and must fail instead.
 */
export interface MemberDirectory {
  currentMembers(tenantId: string, groupId: string, atLeast: number): Promise<string[]>;
}

/** Injection token of the DataKeyShredder port (implemented by @lib/personal-data's key store). */
export const DATA_KEY_SHREDDER = Symbol('DATA_KEY_SHREDDER');

/** Destroys a person's data key, after which their personal data in the log reads as erased. */
export interface DataKeyShredder {
  destroy(subject: { tenantId: string; userId: string }): Promise<void>;
}
