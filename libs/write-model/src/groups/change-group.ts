import { decideGroup, existingGroup, groupDecider, groupStream, groupVersion, type CommandMetadata, type JsonObject } from '@lib/domain';
import type { EventStore } from '@lib/event-store';
import type { WriteResult } from '../shared/command-result';
import { checkIfMatch, withRetry } from '../shared/concurrency';
import { loadAggregate } from '../shared/load-aggregate';
import { toAppend } from '../shared/to-append';
import type { MemberDirectory } from '../shared/tokens';
import { membershipAppends, type MemberChange } from './membership-changes';

export interface ChangeGroupInput {
  tenantId: string;
  groupId: string;
  /**
   * The new full resource (attributes; its members are ignored here), or a function computing it
   * from the current one (re-applied after a lost race), or absent when only members change.
   */
  resource?: JsonObject | ((current: JsonObject) => JsonObject);
  members?: MemberChange;
  /** From If-Match: checks the group stream revision (attributes and lifecycle). */
  expectedVersion?: string;
  metadata: CommandMetadata;
}

/**
 * PUT and PATCH of a group. Attribute events go to the group stream; membership events to one
 * stream per member, appended together with the group stream at its read revision (a guard when
 * the attributes did not change), so a concurrent delete or rename of the group is noticed.
 */
export function changeGroup(store: EventStore, directory: MemberDirectory, input: ChangeGroupInput): Promise<WriteResult> {
  const { tenantId, groupId, resource, members, expectedVersion, metadata } = input;
  const streamId = groupStream(tenantId, groupId);
  return withRetry(expectedVersion, async () => {
    // 1-2. read and fold the group
    const group = await loadAggregate(store, streamId, groupDecider);
    const current = existingGroup(group.state, groupId, 'group.change.not_found').resource;
    checkIfMatch(expectedVersion, group.revision);
    // 3. decide the attributes, then each changed membership against the updated group
    const next = typeof resource === 'function' ? resource(current) : resource;
    const events = next ? decideGroup({ type: 'UpdateGroup', tenantId, groupId, resource: next }, group.state) : [];
    const updated = events.reduce(groupDecider.evolve, group.state);
    const memberships = members ? await membershipAppends(store, directory, { tenantId, groupId, group: updated, change: members, metadata }) : [];
    if (events.length === 0 && memberships.length === 0) {
      return { id: groupId, revision: group.revision, version: null, lastGlobalPosition: group.lastGlobalPosition, changed: false };
    }
    // 4. append the group (events or guard) and the memberships together
    const result = await store.appendMany([{ streamId, expectedRevision: group.revision, events: toAppend(events, metadata) }, ...memberships]);
    const revision = result.streams[0].nextExpectedRevision;
    return { id: groupId, revision, version: groupVersion(revision, result.lastGlobalPosition), lastGlobalPosition: result.lastGlobalPosition, changed: true };
  });
}
