import {
  decideMembership,
  InvalidValueError,
  membershipDecider,
  membershipStream,
  userDecider,
  userStream,
  type CommandMetadata,
  type GroupState,
  type JsonObject,
} from '@lib/domain';
import type { AppendToStream, EventStore } from '@lib/event-store';
import { loadAggregate } from '../shared/load-aggregate';
import { mapLimit } from '../shared/map-limit';
import { toAppend } from '../shared/to-append';
import type { MemberDirectory } from '../shared/tokens';

/** How many member streams are read at once for a large add/remove/replace. */
const READ_CONCURRENCY = 32;

/** What the gateway asks for: explicit adds and removes (already netted), or a full replacement. */
export type MemberChange = { add: string[]; remove: string[] } | { replaceWith: string[] };

/**
 * The appends for a membership change: one per member whose membership actually changes, each
 * with the expected revision of that member's stream. Never reads or writes the other members;
 * only `replaceWith` asks the MemberDirectory for the current set (a replace is O(members) anyway).
 */
export async function membershipAppends(
  store: EventStore,
  directory: MemberDirectory,
  request: { tenantId: string; groupId: string; group: GroupState; change: MemberChange; metadata: CommandMetadata },
): Promise<AppendToStream[]> {
  const { tenantId, groupId, group, change, metadata } = request;
  const { add, remove } = await netChange(directory, tenantId, groupId, change);
  const decided = await mapLimit([...add.map((id) => ({ id, adding: true })), ...remove.map((id) => ({ id, adding: false }))], READ_CONCURRENCY, async ({ id, adding }) => {
    const streamId = membershipStream(tenantId, groupId, id);
    const membership = await loadAggregate(store, streamId, membershipDecider);
    const events = adding
      ? decideMembership({ type: 'AddGroupMember', tenantId, groupId, userId: id, group, user: (await loadAggregate(store, userStream(tenantId, id), userDecider)).state }, membership.state)
      : decideMembership({ type: 'RemoveGroupMember', tenantId, groupId, userId: id, group }, membership.state);
    const expectedRevision = membership.revision < 0 ? ('no_stream' as const) : membership.revision;
    return { streamId, expectedRevision, events: toAppend(events, metadata) };
  });
  return decided.filter((request) => request.events.length > 0);
}

async function netChange(directory: MemberDirectory, tenantId: string, groupId: string, change: MemberChange): Promise<{ add: string[]; remove: string[] }> {
  if ('replaceWith' in change) {
    const wanted = new Set(change.replaceWith);
    const current = new Set(await directory.currentMembers(tenantId, groupId));
    return { add: [...wanted].filter((id) => !current.has(id)), remove: [...current].filter((id) => !wanted.has(id)) };
  }
  const add = [...new Set(change.add)];
  const remove = [...new Set(change.remove)];
  const both = add.filter((id) => remove.includes(id));
  if (both.length > 0) throw new InvalidValueError(`members both added and removed: ${both.join(', ')}`, 'group.members.add_and_remove');
  return { add, remove };
}

/**
 * The member ids of a SCIM Group's `members` (null when the attribute is absent). Members are
 * users only: a member of type Group is rejected (groups in groups are not supported).
 */
export function memberIdsOf(resource: JsonObject): string[] | null {
  const members = resource.members;
  if (members === undefined || members === null) return null;
  if (!Array.isArray(members)) throw new InvalidValueError('attribute "members" must be an array', 'group.members.not_array');
  return members.map((member) => {
    if (typeof member !== 'object' || member === null || Array.isArray(member) || typeof member.value !== 'string' || member.value === '') {
      throw new InvalidValueError('every member needs a "value" (the user id)', 'group.members.value');
    }
    if (typeof member.type === 'string' && member.type.toLowerCase() === 'group') {
      throw new InvalidValueError('groups as members of groups are not supported', 'group.members.nested_group');
    }
    return member.value;
  });
}
