/**
 * Personal data in events: which attributes of which events belong to the person (and are
 * therefore encrypted at rest under the person's data key and erased with it), and the three
 * shapes an event's data takes around that (docs/erasure.md):
 *
 * - clear: what deciders and projections work with (the data as decided);
 * - kept + personal: `splitPersonalData` — what stays readable forever (tenant and user ids,
 *   `active`, a release's reason, the names of changed attributes) and what is personal;
 * - erased: `erasedPersonalData` — the kept part with the personal attributes empty and
 *   `erased: true`, which is how an event reads once the person's key is destroyed.
 *
 * Pure functions over JSON: the encryption itself is infrastructure (libs/personal-data).
 */

/** The data field under which a stored event carries its encrypted personal attributes. */
export const PERSONAL_DATA_FIELD = 'personalData';

/**
 * Every attribute of a user event except ids, `active`, timestamps and group ids is personal:
 * the userName (often an email address), the externalId (often the IdP's mail nickname), the
 * whole SCIM resource (names, emails, phone numbers, addresses, title, enterprise attributes...)
 * and the before/after values of a change. The names of changed attributes are not.
 */
export const PERSONAL_DATA_FIELDS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  UserProvisioned: ['userName', 'externalId', 'resource'],
  UserUpdated: ['userName', 'resource', 'changes'],
  UserDeactivated: ['userName'],
  UserReactivated: ['userName'],
  UserActiveAttributeChanged: ['userName'],
  UserDeleted: ['userName'],
  UserNameReserved: ['userName'],
  UserNameReleased: ['userName'],
  // The member `display` a client sent with an add (v2): Okta sends the userName there.
  GroupMembersAdded: ['displays'],
});

type Data = Record<string, unknown>;

export function holdsPersonalData(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(PERSONAL_DATA_FIELDS, type);
}

/**
 * The person whose data key protects the event's personal attributes: the user the event is about
 * (a membership add: its one member; the decider writes one member per event).
 */
export function personalDataSubject(data: Data, type?: string): { tenantId: string; userId: string } | null {
  const { tenantId } = data;
  const userId = type === 'GroupMembersAdded' ? soleMember(data) : data.userId;
  return typeof tenantId === 'string' && tenantId !== '' && typeof userId === 'string' && userId !== ''
    ? { tenantId, userId }
    : null;
}

/** Whether this event, as decided, carries personal values to encrypt (a membership add only with a display). */
export function carriesPersonalData(type: string, data: Data): boolean {
  if (!holdsPersonalData(type)) return false;
  if (type !== 'GroupMembersAdded') return true;
  const displays = data.displays;
  return typeof displays === 'object' && displays !== null && Object.keys(displays).length > 0;
}

function soleMember(data: Data): unknown {
  return Array.isArray(data.memberIds) && data.memberIds.length === 1 ? data.memberIds[0] : undefined;
}

/** What stays readable and what is the person's. A UserUpdated keeps the paths of its changes. */
export function splitPersonalData(type: string, data: Data): { kept: Data; personal: Data } {
  const fields = PERSONAL_DATA_FIELDS[type] ?? [];
  const kept: Data = {};
  const personal: Data = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === PERSONAL_DATA_FIELD) continue;
    if (fields.includes(key)) personal[key] = value;
    else kept[key] = value;
  }
  if (Array.isArray(data.changes) && fields.includes('changes')) kept.changes = changedPaths(data.changes);
  return { kept, personal };
}

/** The clear data again: the kept part with the personal attributes put back. */
export function joinPersonalData(kept: Data, personal: Data): Data {
  return { ...kept, ...personal };
}

/**
 * The event as it reads after erasure: the personal attributes empty (userName '', externalId
 * null, resource {}, each change's before/after null), everything kept as it was, `erased: true`.
 */
export function erasedPersonalData(type: string, kept: Data): Data {
  const fields = PERSONAL_DATA_FIELDS[type] ?? [];
  const erased: Data = { ...kept };
  if (fields.includes('userName')) erased.userName = '';
  if (fields.includes('externalId')) erased.externalId = null;
  if (fields.includes('resource')) erased.resource = {};
  if (fields.includes('changes'))
    erased.changes = changedPaths(kept.changes).map(({ path }) => ({ path, before: null, after: null }));
  if (fields.includes('displays')) erased.displays = {};
  erased.erased = true;
  return erased;
}

export function isErasedData(data: Data): boolean {
  return data.erased === true;
}

function changedPaths(changes: unknown): Array<{ path: string }> {
  if (!Array.isArray(changes)) return [];
  return changes.map((change) => ({ path: String((change as { path?: unknown })?.path ?? '') }));
}
