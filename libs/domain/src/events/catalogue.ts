import type { GroupEvent } from './group-events';
import { GroupEventVersions } from './group-events';
import type { GroupMembershipEvent } from './group-membership-events';
import { GroupMembershipEventVersions } from './group-membership-events';
import type { MembershipEvent } from './membership-events';
import { MembershipEventVersions } from './membership-events';
import type { TenantEvent } from './tenant-events';
import { TenantEventVersions } from './tenant-events';
import type { UserNameEvent } from './user-name-events';
import { UserNameEventVersions } from './user-name-events';
import type { UserEvent } from './user-events';
import { UserEventVersions } from './user-events';

/** Every domain event of the service. */
export type ScimDomainEvent =
  | UserEvent
  | UserNameEvent
  | GroupEvent
  | MembershipEvent
  | GroupMembershipEvent
  | TenantEvent;
export type ScimDomainEventType = ScimDomainEvent['type'];

/** The current schema version of each event type: what deciders write and what upcasters produce. */
export const CURRENT_EVENT_VERSIONS: Readonly<Record<ScimDomainEventType, number>> = {
  ...UserEventVersions,
  ...UserNameEventVersions,
  ...GroupEventVersions,
  ...MembershipEventVersions,
  ...GroupMembershipEventVersions,
  ...TenantEventVersions,
};

/** Event type names as constants, for switch statements and subscriptions in other libraries. */
export const EventTypes = Object.freeze(
  Object.fromEntries(Object.keys(CURRENT_EVENT_VERSIONS).map((t) => [t, t])) as { [T in ScimDomainEventType]: T },
);

export function isScimDomainEventType(type: string): type is ScimDomainEventType {
  return Object.prototype.hasOwnProperty.call(CURRENT_EVENT_VERSIONS, type);
}

/** Narrows an event by type: `if (isEvent(e, 'UserDeleted')) e.data.userName`. */
export function isEvent<T extends ScimDomainEventType>(
  event: { type: string },
  type: T,
): event is Extract<ScimDomainEvent, { type: T }> {
  return event.type === type;
}
