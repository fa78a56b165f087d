import type { DomainEvent } from './domain-event';
import type { ErasedMarker } from './user-events';

/**
 * userName reservation stream events (`username-{tenantId}-{sha256(lower(userName))}`).
 * The stream is the uniqueness lock: its expected revision makes two creates of one name collide.
 */
export const UserNameEventVersions = {
  UserNameReserved: 1,
  UserNameReleased: 1,
} as const;

export type UserNameReserved = DomainEvent<
  'UserNameReserved',
  { tenantId: string; userId: string; userName: string } & ErasedMarker
>;

/**
 * `reason`: `deleted` (user deleted), `renamed` (user took another name), `stale` (the holder
 * never got its user stream written, or moved on: taken over by a later reservation).
 */
export type UserNameReleased = DomainEvent<
  'UserNameReleased',
  { tenantId: string; userId: string; userName: string; reason: 'deleted' | 'renamed' | 'stale' } & ErasedMarker
>;

export type UserNameEvent = UserNameReserved | UserNameReleased;
