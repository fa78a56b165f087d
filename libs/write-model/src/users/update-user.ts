import {
  decideUser,
  normalizeUserName,
  userDecider,
  userStream,
  userVersion,
  type CommandMetadata,
  type JsonObject,
} from '@lib/domain';
import type { AppendToStream, EventStore } from '@lib/event-store';
import { unchanged, written, type WriteResult } from '../shared/command-result';
import { checkIfMatch, withRetry } from '../shared/concurrency';
import { loadAggregate } from '../shared/load-aggregate';
import { toAppend } from '../shared/to-append';
import { releaseUserName, reserveUserName } from './user-name-reservation';

/**
 * The new resource computed from the current one (stored resource plus `active` when it has a
 * value, without id/meta):
 * lets the gateway hand over a PATCH (e.g. `(current) => applyPatch(current, ops)`) that the
 * handler re-applies after a lost race instead of overwriting the other writer's change.
 */
export type ResourceUpdate = (current: JsonObject) => JsonObject;

export interface UpdateUserInput {
  tenantId: string;
  userId: string;
  /** The complete new resource (PUT body), or a function computing it from the current one (PATCH). */
  resource: JsonObject | ResourceUpdate;
  /** From If-Match; the update fails with `precondition_failed` unless it is the current version. */
  expectedVersion?: string;
  metadata: CommandMetadata;
}

/** PUT and PATCH of a user: the same decision on the new full resource. */
export function updateUser(store: EventStore, input: UpdateUserInput): Promise<WriteResult> {
  const { tenantId, userId, resource, expectedVersion, metadata } = input;
  const streamId = userStream(tenantId, userId);
  return withRetry(expectedVersion, async () => {
    // 1-2. read and fold
    const user = await loadAggregate(store, streamId, userDecider);
    checkIfMatch(expectedVersion, user.revision);
    // 3. decide
    const current =
      user.state.status === 'provisioned'
        ? { ...user.state.resource, ...(user.state.activeAssigned ? { active: user.state.active } : {}) }
        : null;
    const next = typeof resource === 'function' ? (current ? resource(current) : {}) : resource;
    const events = decideUser({ type: 'UpdateUser', tenantId, userId, resource: next }, user.state);
    if (events.length === 0) {
      return unchanged(userId, user, userVersion(user.revision));
    }
    // A changed userName moves the reservation: take the new name first, release the old one last,
    // so a non-atomic store interrupted midway leaves at worst a stale reservation, never a shared name.
    const before = user.state.status === 'provisioned' ? user.state.userName : '';
    const after = typeof next.userName === 'string' ? next.userName : before;
    const renames = before !== after;
    const reserve = renames ? await reserveUserName(store, { tenantId, userId, userName: after, metadata }) : null;
    const release =
      renames && normalizeUserName(before) !== normalizeUserName(after)
        ? await releaseUserName(store, { tenantId, userId, userName: before, reason: 'renamed', metadata })
        : null;
    // 4. append with the expected revisions
    const requests: AppendToStream[] = [
      ...(reserve ? [reserve] : []),
      { streamId, expectedRevision: user.revision, events: toAppend(events, metadata) },
      ...(release ? [release] : []),
    ];
    const result = await store.appendMany(requests);
    return written(userId, streamId, result, userVersion);
  });
}
