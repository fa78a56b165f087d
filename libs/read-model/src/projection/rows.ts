import type { JsonObject, JsonValue } from '@lib/domain';

/** A user as the read model stores it: the indexed columns plus the full SCIM resource. */
export interface UserRow {
  tenantId: string;
  id: string;
  userName: string;
  externalId: string | null;
  displayName: string | null;
  active: boolean;
  /** The SCIM User as served (id, schemas, attributes, active, meta without location). */
  resource: JsonObject;
  /** meta.version: the weak ETag, `W/"<user stream revision>"`. */
  version: string;
  /** The user stream's revision: what an If-Match maps to as the expected revision. */
  streamRevision: number;
  /** ISO-8601 instants from the events' metadata (occurredAt). */
  created: string;
  lastModified: string;
}

/**
 * A group without its members: members live in their own table so that one member change of a
 * 100,000-member group writes one row. `version` is `W/"<global position of the last event that
 * changed the group or its members>"`, so a membership change also changes the ETag, while
 * `streamRevision` stays the group stream's revision for If-Match.
 */
export interface GroupRow {
  tenantId: string;
  id: string;
  displayName: string;
  externalId: string | null;
  resource: JsonObject;
  version: string;
  streamRevision: number;
  created: string;
  lastModified: string;
}

export interface MultiValuedRow {
  ordinal: number;
  value: string | null;
  type: string | null;
  display: string | null;
  primary: boolean | null;
}

export interface AddressRow {
  ordinal: number;
  formatted: string | null;
  streetAddress: string | null;
  locality: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  type: string | null;
  primary: boolean | null;
}

export interface UserChildRows {
  emails: MultiValuedRow[];
  phoneNumbers: MultiValuedRow[];
  addresses: AddressRow[];
}

/**
 * The child rows of a user: one per element of emails, phoneNumbers and addresses, in the order
 * received. Only string (and boolean `primary`) values are copied; anything else stays in the
 * resource JSON only (the gateway validates types, so this is a guard, not a path).
 */
export function userChildRows(resource: JsonObject): UserChildRows {
  return {
    emails: elements(resource.emails).map((element, ordinal) => multiValued(element, ordinal)),
    phoneNumbers: elements(resource.phoneNumbers).map((element, ordinal) => multiValued(element, ordinal)),
    addresses: elements(resource.addresses).map((element, ordinal) => ({
      ordinal,
      formatted: text(element.formatted),
      streetAddress: text(element.streetAddress),
      locality: text(element.locality),
      region: text(element.region),
      postalCode: text(element.postalCode),
      country: text(element.country),
      type: text(element.type),
      primary: bool(element.primary),
    })),
  };
}

function multiValued(element: JsonObject, ordinal: number): MultiValuedRow {
  return {
    ordinal,
    value: text(element.value),
    type: text(element.type),
    display: text(element.display),
    primary: bool(element.primary),
  };
}

function elements(value: JsonValue | undefined): JsonObject[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (element): element is JsonObject => typeof element === 'object' && element !== null && !Array.isArray(element),
  );
}

const text = (value: JsonValue | undefined): string | null => (typeof value === 'string' ? value : null);
const bool = (value: JsonValue | undefined): boolean | null => (typeof value === 'boolean' ? value : null);
