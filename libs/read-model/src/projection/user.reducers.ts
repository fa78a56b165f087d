import type { JsonObject, UserEvent } from '@lib/domain';
import { USER_SCHEMA_URN } from '@lib/scim';
import type { ReadModelDraft } from './draft';
import { assertNew, eventRowKey, existingRow, requireObject, requireString } from './event-guards';
import { ProjectionError, type ProjectedEvent, type Reducers } from './projected-event';
import type { UserRow } from './rows';

/**
 * (event type -> reducer) for the SCIM Users read model. Each validates first, then mutates.
 *
 * An erased person is never in the read model: events read after the erasure (personal
 * attributes empty, `erased: true`) leave no row, and remove one a lagging projector still has;
 * UserErased removes it too. So a rebuild after an erasure and the live projection agree.
 */
export const userReducers: Reducers<UserEvent> = {
  UserProvisioned(draft, event) {
    if (forgetErased(draft, event)) return;
    const key = eventRowKey(event, 'user');
    const userName = requireString(event.data.userName, 'userName', event);
    const resource = requireObject(event.data.resource, 'resource', event);
    assertNew(draft, 'user', key, 'user.provisioned.exists');
    const fields = {
      ...key,
      userName,
      externalId: event.data.externalId ?? null,
      active: event.data.active !== false,
      activeAssigned: true,
      resource,
    };
    draft.putUser(buildUser(fields, event, event.occurredAt));
  },
  UserUpdated(draft, event) {
    if (forgetErased(draft, event)) return;
    const current = existingUser(draft, event);
    const resource = requireObject(event.data.resource, 'resource', event);
    const userName = requireString(event.data.userName, 'userName', event);
    const externalId = typeof resource.externalId === 'string' ? resource.externalId : null;
    draft.putUser(
      buildUser(
        { ...current, activeAssigned: hasActiveValue(current), userName, externalId, resource },
        event,
        current.created,
      ),
    );
  },
  UserDeactivated(draft, event) {
    if (forgetErased(draft, event)) return;
    const current = existingUser(draft, event);
    draft.putUser(
      buildUser({ ...current, activeAssigned: hasActiveValue(current), active: false }, event, current.created),
    );
  },
  UserReactivated(draft, event) {
    if (forgetErased(draft, event)) return;
    const current = existingUser(draft, event);
    draft.putUser(
      buildUser({ ...current, activeAssigned: hasActiveValue(current), active: true }, event, current.created),
    );
  },
  /** `active` unassigned (absent from the resource; the `active` column keeps access) or given a value again. */
  UserActiveAttributeChanged(draft, event) {
    if (forgetErased(draft, event)) return;
    const current = existingUser(draft, event);
    const after = event.data.after;
    if (after !== null && typeof after !== 'boolean')
      throw new ProjectionError('event.malformed', 'UserActiveAttributeChanged.data.after must be a boolean or null');
    draft.putUser(buildUser({ ...current, activeAssigned: after !== null }, event, current.created));
  },
  UserDeleted(draft, event) {
    if (forgetErased(draft, event)) return;
    const current = existingUser(draft, event);
    draft.removeUser(current.tenantId, current.id);
  },
  UserErased(draft, event) {
    forget(draft, event);
  },
};

/** true when the event reads as erased: the person is then removed (if still there) and nothing else happens. */
function forgetErased(draft: ReadModelDraft, event: ProjectedEvent<UserEvent>): boolean {
  if (!('erased' in event.data) || event.data.erased !== true) return false;
  forget(draft, event);
  return true;
}

function forget(draft: ReadModelDraft, event: ProjectedEvent<UserEvent>): void {
  const { tenantId, id } = eventRowKey(event, 'user');
  if (draft.getUser(tenantId, id)) draft.removeUser(tenantId, id);
}

function existingUser(draft: ReadModelDraft, event: ProjectedEvent<UserEvent>): UserRow {
  return existingRow(draft, event, 'user');
}

interface UserFields {
  tenantId: string;
  id: string;
  userName: string;
  externalId: string | null;
  /** Access: true while `active` is unassigned (docs/domain.md). */
  active: boolean;
  /** Whether the served resource carries `active` (false once a PATCH unassigned it). */
  activeAssigned: boolean;
  /** The event's attributes (no id/meta/active) or the row's served resource (then they are replaced). */
  resource: JsonObject;
}

/** A row's `active` attribute has a value when its served resource carries one. */
function hasActiveValue(row: UserRow): boolean {
  return typeof row.resource.active === 'boolean';
}

/**
 * The served resource: id, the stored attributes, active (when assigned) and meta (location is the gateway's, it knows
 * the base URL).
 */
function buildUser(fields: UserFields, event: ProjectedEvent, created: string): UserRow {
  const { id: _id, meta: _meta, active: _active, ...attributes } = fields.resource;
  const version = `W/"${event.streamRevision}"`;
  const lastModified = event.occurredAt;
  const resource: JsonObject = {
    schemas: [USER_SCHEMA_URN],
    ...attributes,
    id: fields.id,
    ...(fields.activeAssigned ? { active: fields.active } : {}),
    meta: { resourceType: 'User', created, lastModified, version },
  };
  return {
    tenantId: fields.tenantId,
    id: fields.id,
    userName: fields.userName,
    externalId: fields.externalId,
    displayName: typeof attributes.displayName === 'string' ? attributes.displayName : null,
    active: fields.active,
    resource,
    version,
    streamRevision: event.streamRevision,
    created,
    lastModified,
  };
}
