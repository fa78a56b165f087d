import type { DomainEvent } from './domain-event';

/**
 * Membership events. Stored one member per stream (`membership-{tenantId}-{groupId}-{userId}`),
 * so `memberIds` holds exactly that one user id; the array keeps the event shape open to a batch
 * form without a new version. Members are users only (groups in groups are rejected).
 */
export const MembershipEventVersions = {
  GroupMembersAdded: 2,
  GroupMembersRemoved: 1,
} as const;

/**
 * v2 adds `displays`: the member `display` the client sent with the add, by member id (only for
 * members it was sent for; RFC 7643 §4.2 member sub-attributes are immutable, so it is kept from
 * the add on and computed from the user only when absent). v1 events are upcast with `{}`.
 */
export type GroupMembersAdded = DomainEvent<
  'GroupMembersAdded',
  { tenantId: string; groupId: string; memberIds: string[]; displays: Record<string, string> }
>;

/** PATCH remove, or the part of a members replace that drops a member. */
export type GroupMembersRemoved = DomainEvent<
  'GroupMembersRemoved',
  { tenantId: string; groupId: string; memberIds: string[] }
>;

export type MembershipEvent = GroupMembersAdded | GroupMembersRemoved;
