import {
  decideMembership,
  decideMembershipVersion,
  DomainError,
  groupMembershipStream,
  isResourceId,
  membershipDecider,
  membershipStream,
  userDecider,
  userStream,
  type CommandMetadata,
  type GroupState,
  type JsonObject,
  type MembershipEvent,
} from '@lib/domain';
import type { AppendToStream, EventStore, ExpectedRevision } from '@lib/event-store';
import { loadAggregate } from '../shared/load-aggregate';
import { mapLimit } from '../shared/map-limit';
import { toAppend } from '../shared/to-append';
import type { MemberDirectory } from '../shared/tokens';

/** How many member streams are read at once for a large add/remove/replace. */
const READ_CONCURRENCY = 32;

/**
 * What the gateway asks for: explicit adds and removes (already netted), or a full replacement;
 * `displays` holds the member `display` the client sent, by member id, for the members it adds.
 */
export type MemberChange = ({ add: string[]; remove: string[] } | { replaceWith: string[] }) & {
  displays?: MemberDisplays;
};

/** A member's `display` as the client sent it, by member id (only members it was sent for). */
export type MemberDisplays = Readonly<Record<string, string>>;

/**
 * The group's membership version: the revision and position of its last `GroupMembershipChanged`
 * (-1 and 0: none yet).
 */
export interface MembershipVersion {
  revision: number;
  position: number;
}

export async function readMembershipVersion(
  store: EventStore,
  tenantId: string,
  groupId: string,
): Promise<MembershipVersion> {
  const last = await store.readLastEvent(groupMembershipStream(tenantId, groupId));
  return last ? { revision: last.streamRevision, position: last.globalPosition } : { revision: -1, position: 0 };
}

export interface MembershipRequest {
  tenantId: string;
  groupId: string;
  group: GroupState;
  change: MemberChange;
  metadata: CommandMetadata;
  /** The membership version read with the group. */
  version: MembershipVersion;
  /** Expect `version` (If-Match): a membership change since then fails the append. */
  guardVersion: boolean;
}

/**
 * The appends of a membership change, in this order: one per member whose membership actually
 * changes (each at the expected revision of that member's stream; an add also guards the user's
 * stream, so a member cannot be added after the user's deletion), then the group's membership
 * version marker, last, so that its position covers the whole change.
 *
 * Adds and removes by id expect nothing of the version (they commute). A replace computes its
 * change from the member set at the version it read and expects that version, as does If-Match:
 * a concurrent change makes the append fail and the command re-read. Never reads or writes the
 * other members; only a replace asks the MemberDirectory for the current set.
 */
export async function membershipAppends(
  store: EventStore,
  directory: MemberDirectory,
  request: MembershipRequest,
): Promise<AppendToStream[]> {
  const { tenantId, groupId, group, change, metadata, version } = request;
  const { add, remove } = await netChange(store, directory, request);
  const decided = await mapLimit(
    [...add.map((id) => ({ id, adding: true })), ...remove.map((id) => ({ id, adding: false }))],
    READ_CONCURRENCY,
    async ({ id, adding }) => {
      const streamId = membershipStream(tenantId, groupId, id);
      const membership = await loadAggregate(store, streamId, membershipDecider);
      const expectedRevision = revisionOrNoStream(membership.revision);
      if (!adding)
        return {
          events: decideMembership(
            { type: 'RemoveGroupMember', tenantId, groupId, userId: id, group },
            membership.state,
          ),
          appends: [],
          streamId,
          expectedRevision,
        };
      const user = await loadAggregate(store, userStream(tenantId, id), userDecider);
      const display = displayOf(change.displays, id);
      const events = decideMembership(
        {
          type: 'AddGroupMember',
          tenantId,
          groupId,
          userId: id,
          ...(display ? { display } : {}),
          group,
          user: user.state,
        },
        membership.state,
      );
      const userGuard: AppendToStream = {
        streamId: userStream(tenantId, id),
        expectedRevision: user.revision,
        events: [],
      };
      return { events, appends: events.length > 0 ? [userGuard] : [], streamId, expectedRevision };
    },
  );
  const changed = decided.filter((d) => d.events.length > 0);
  const memberships: MembershipEvent[] = changed.flatMap((d) => d.events);
  const marker = decideMembershipVersion(tenantId, groupId, memberships);
  const expectsVersion = request.guardVersion || 'replaceWith' in change;
  const versionAppend: AppendToStream = {
    streamId: groupMembershipStream(tenantId, groupId),
    expectedRevision: expectsVersion ? revisionOrNoStream(version.revision) : 'any',
    events: toAppend(marker, metadata),
  };
  if (changed.length === 0) return request.guardVersion ? [versionAppend] : [];
  return [
    ...changed.flatMap((d) => [
      { streamId: d.streamId, expectedRevision: d.expectedRevision, events: toAppend(d.events, metadata) },
      ...d.appends,
    ]),
    versionAppend,
  ];
}

async function netChange(
  store: EventStore,
  directory: MemberDirectory,
  request: MembershipRequest,
): Promise<{ add: string[]; remove: string[] }> {
  const { tenantId, groupId, change, version } = request;
  if ('replaceWith' in change) {
    const wanted = new Set(change.replaceWith.map(checkedMemberId));
    // The set as of the version read: every membership change up to its marker is in the answer.
    // A group without a marker yet (written by the previous release) gets the store's head.
    const atLeast = version.revision >= 0 ? version.position : await store.headPosition();
    const current = new Set(await directory.currentMembers(tenantId, groupId, atLeast));
    return { add: [...wanted].filter((id) => !current.has(id)), remove: [...current].filter((id) => !wanted.has(id)) };
  }
  const add = [...new Set(change.add.map(checkedMemberId))];
  const remove = [...new Set(change.remove.map(checkedMemberId))];
  const both = add.filter((id) => remove.includes(id));
  if (both.length > 0)
    throw new DomainError(
      'invalid_value',
      `members both added and removed: ${both.join(', ')}`,
      'group.members.add_and_remove',
    );
  return { add, remove };
}

const revisionOrNoStream = (revision: number): ExpectedRevision => (revision < 0 ? 'no_stream' : revision);

const displayOf = (displays: MemberDisplays | undefined, id: string): string | undefined =>
  displays && Object.hasOwn(displays, id) ? displays[id] : undefined;

/**
 * A member value must be a user id of this service (a UUID): checked before any stream is read,
 * under every IdP profile.
 */
function checkedMemberId(id: string): string {
  if (!isResourceId(id))
    throw new DomainError(
      'invalid_value',
      `member value "${id.slice(0, 80)}" is not a user id of this service`,
      'group.members.not_an_id',
    );
  return id;
}

/** The `display` of each member of a SCIM Group's `members` that has one, by member id. */
export function memberDisplaysOf(resource: JsonObject): MemberDisplays {
  const members = Array.isArray(resource.members) ? resource.members : [];
  const entries: Array<[string, string]> = [];
  for (const member of members) {
    if (typeof member !== 'object' || member === null || Array.isArray(member)) continue;
    if (typeof member.value === 'string' && typeof member.display === 'string' && member.display !== '')
      entries.push([member.value, member.display]);
  }
  return Object.fromEntries(entries);
}

/**
 * The member ids of a SCIM Group's `members` (null when the attribute is absent). Members are
 * users only: a member of type Group is rejected (groups in groups are not supported).
 */
export function memberIdsOf(resource: JsonObject): string[] | null {
  const members = resource.members;
  if (members === undefined || members === null) return null;
  if (!Array.isArray(members))
    throw new DomainError('invalid_value', 'attribute "members" must be an array', 'group.members.not_array');
  return members.map((member) => {
    if (
      typeof member !== 'object' ||
      member === null ||
      Array.isArray(member) ||
      typeof member.value !== 'string' ||
      member.value === ''
    ) {
      throw new DomainError('invalid_value', 'every member needs a "value" (the user id)', 'group.members.value');
    }
    if (typeof member.type === 'string' && member.type.toLowerCase() === 'group') {
      throw new DomainError(
        'invalid_value',
        'groups as members of groups are not supported',
        'group.members.nested_group',
      );
    }
    return checkedMemberId(member.value);
  });
}
