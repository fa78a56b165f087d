import type { JsonObject, JsonValue } from '../shared/json';
import type { DomainEvent } from './domain-event';

/**
 * User stream events (`user-{tenantId}-{userId}`).
 *
 * `resource` is the SCIM User as received and normalised by the gateway, minus `id`, `meta` and
 * `active`: `active` is status, carried by UserProvisioned.active and then only by
 * UserDeactivated / UserReactivated (never by a UserUpdated change), so every consumer finds a
 * status change in exactly one place. The `active` attribute can also be unassigned (RFC 7644
 * §3.5.2.2, a PATCH `remove`): UserActiveAttributeChanged records that, and an unassigned `active`
 * grants access like a user provisioned without `active`.
 */
export const UserEventVersions = {
  UserProvisioned: 1,
  UserUpdated: 1,
  UserDeactivated: 1,
  UserReactivated: 1,
  UserActiveAttributeChanged: 1,
  UserDeleted: 1,
  UserErased: 1,
} as const;

/** One changed attribute: `path` is a SCIM attribute path (`title`, `name.givenName`, `urn:...:User:department`). */
export interface AttributeChange {
  path: string;
  /** null when the attribute was absent before. */
  before: JsonValue;
  /** null when the attribute was removed. */
  after: JsonValue;
}

/**
 * Set on the data of a user event read after its person was erased (the data key destroyed): the
 * personal attributes then read as empty (userName '', externalId null, resource {}, change values
 * null; see events/personal-data.ts), never as an error. Deciders and projections see it only for
 * users whose stream ends with UserErased.
 */
export interface ErasedMarker {
  erased?: true;
}

export type UserProvisioned = DomainEvent<
  'UserProvisioned',
  {
    tenantId: string;
    userId: string;
    userName: string;
    externalId: string | null;
    active: boolean;
    resource: JsonObject;
  } & ErasedMarker
>;

/** Attributes other than `active` changed; `resource` is the complete new resource, `changes` the delta. */
export type UserUpdated = DomainEvent<
  'UserUpdated',
  {
    tenantId: string;
    userId: string;
    userName: string;
    changes: AttributeChange[];
    resource: JsonObject;
  } & ErasedMarker
>;

export type UserDeactivated = DomainEvent<
  'UserDeactivated',
  { tenantId: string; userId: string; userName: string } & ErasedMarker
>;
export type UserReactivated = DomainEvent<
  'UserReactivated',
  { tenantId: string; userId: string; userName: string } & ErasedMarker
>;

/**
 * The `active` attribute became unassigned (`after: null`: a PATCH removed it, or replaced it with
 * null) or was assigned again (`before: null`). A flip between true and false is never this event
 * (that is UserDeactivated / UserReactivated alone). Access is not carried here: when it flips too
 * (false → unassigned grants access; unassigned → false takes it), UserReactivated or
 * UserDeactivated follows in the same append.
 */
export type UserActiveAttributeChanged = DomainEvent<
  'UserActiveAttributeChanged',
  { tenantId: string; userId: string; userName: string; before: boolean | null; after: boolean | null } & ErasedMarker
>;

/** Gone from the SCIM view (404 afterwards); the stream and its history stay (deprovisioned). */
export type UserDeleted = DomainEvent<
  'UserDeleted',
  { tenantId: string; userId: string; userName: string } & ErasedMarker
>;

/**
 * The person's personal data was erased on request (GDPR Art. 17): its data key is destroyed, so
 * the personal attributes of every event of this user read as erased from now on. Ids, times,
 * status and roles stay (the audit keeps "who had access when"). Always after UserDeleted.
 */
export type UserErased = DomainEvent<'UserErased', { tenantId: string; userId: string }>;

export type UserEvent =
  | UserProvisioned
  | UserUpdated
  | UserDeactivated
  | UserReactivated
  | UserActiveAttributeChanged
  | UserDeleted
  | UserErased;
