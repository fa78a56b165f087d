import {
  decideUserName,
  userDecider,
  userNameDecider,
  userNameKey,
  userNameReservationStream,
  userStream,
  type CommandMetadata,
  type UserNameState,
} from '@lib/domain';
import type { AppendToStream, EventStore } from '@lib/event-store';
import { loadAggregate } from '../shared/load-aggregate';
import { toAppend } from '../shared/to-append';

/**
 * How long a reservation whose user does not (yet) carry the name is presumed to belong to a
 * create or rename still in flight. Only stores without atomic multi-stream append (EventStoreDB)
 * can leave such a reservation behind: they write the reservation first, then the user stream.
 */
export const STALE_RESERVATION_GRACE_MS = 60_000;

/**
 * The append that reserves `userName` for `userId`, or null when it already holds it as spelled.
 * `assumeUnused` skips reading the reservation stream and expects it not to exist: a name never
 * used before (the common create) costs no read, and one that was is a WrongExpectedRevisionError,
 * after which the caller asks again without the assumption.
 */
export async function reserveUserName(
  store: EventStore,
  request: { tenantId: string; userId: string; userName: string; metadata: CommandMetadata },
  options: { assumeUnused?: boolean } = {},
): Promise<AppendToStream | null> {
  const { tenantId, userId, userName, metadata } = request;
  const streamId = userNameReservationStream(tenantId, userName);
  const reservation = options.assumeUnused
    ? { state: userNameDecider.initialState, revision: -1, events: [] }
    : await loadAggregate(store, streamId, userNameDecider);
  const holderIsStale = await isStale(
    store,
    tenantId,
    reservation.state,
    userNameKey(userName),
    reservation.events.at(-1)?.recordedAt,
    metadata.occurredAt,
  );
  const events = decideUserName(
    { type: 'ReserveUserName', tenantId, userId, userName, holderIsStale },
    reservation.state,
  );
  if (events.length === 0) return null;
  return {
    streamId,
    expectedRevision: reservation.revision < 0 ? 'no_stream' : reservation.revision,
    events: toAppend(events, metadata),
  };
}

/** The append that releases `userName` held by `userId`, or null when it does not hold it. */
export async function releaseUserName(
  store: EventStore,
  request: {
    tenantId: string;
    userId: string;
    userName: string;
    reason: 'deleted' | 'renamed';
    metadata: CommandMetadata;
  },
): Promise<AppendToStream | null> {
  const { tenantId, userId, userName, reason, metadata } = request;
  const streamId = userNameReservationStream(tenantId, userName);
  const reservation = await loadAggregate(store, streamId, userNameDecider);
  const events = decideUserName({ type: 'ReleaseUserName', tenantId, userId, userName, reason }, reservation.state);
  if (events.length === 0) return null;
  return { streamId, expectedRevision: reservation.revision, events: toAppend(events, metadata) };
}

/**
 * A reservation is stale when its holder's user stream says the name is not theirs: the user is
 * deleted (final: ids are never reused), or, after the grace period, the user does not exist or
 * carries another userName (an interrupted non-atomic create or rename).
 */
async function isStale(
  store: EventStore,
  tenantId: string,
  reservation: UserNameState,
  key: string,
  reservedAt: Date | undefined,
  now: string,
): Promise<boolean> {
  if (reservation.holder === null) return false;
  const holder = await loadAggregate(store, userStream(tenantId, reservation.holder.userId), userDecider);
  if (holder.state.status === 'deleted' || holder.state.status === 'erased') return true;
  if (holder.state.status === 'provisioned' && userNameKey(holder.state.userName) === key) return false;
  const age = reservedAt ? Date.parse(now) - reservedAt.getTime() : Number.POSITIVE_INFINITY;
  return age > STALE_RESERVATION_GRACE_MS;
}
