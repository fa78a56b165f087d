import type { DomainEvent } from './domain-event';

/**
 * Membership events. Stored one member per stream (`membership-{tenantId}-{groupId}-{userId}`),
 * so `memberIds` holds exactly that one user id; the array keeps the event shape open to a batch
 * form without a new version. Members are users only (groups in groups are rejected).
 */
export const MembershipEventVersions = {
  GroupMembersAdded: 1,
  GroupMembersRemoved: 1,
} as const;

export type GroupMembersAdded = DomainEvent<'GroupMembersAdded', { tenantId: string; groupId: string; memberIds: string[] }>;

/** PATCH remove, or the part of a members replace that drops a member. */
export type GroupMembersRemoved = DomainEvent<
  'GroupMembersRemoved',
  { tenantId: string; groupId: string; memberIds: string[] }
>;

export type MembershipEvent = GroupMembersAdded | GroupMembersRemoved;
