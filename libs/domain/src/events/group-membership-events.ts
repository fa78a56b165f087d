import type { DomainEvent } from './domain-event';

/**
 * The group's membership version (`groupmembers-{tenantId}:{groupId}`): every command that adds
 * or removes members appends one `GroupMembershipChanged` here, after its membership events and
 * in the same append. Its revision is the group's membership version: a replace of the member
 * list reads it, computes the change from the member set at that version, and appends expecting
 * it, so a membership change that lands in between makes the replace re-read instead of being
 * silently kept or lost. Adds and removes by id expect nothing of it (they commute), so they
 * never conflict with each other.
 *
 * It carries no member ids (those are in the membership events); projections use its position as
 * the group's newest change.
 */
export const GroupMembershipEventVersions = {
  GroupMembershipChanged: 1,
} as const;

export type GroupMembershipChanged = DomainEvent<
  'GroupMembershipChanged',
  { tenantId: string; groupId: string; added: number; removed: number }
>;

export type GroupMembershipEvent = GroupMembershipChanged;
