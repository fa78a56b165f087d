import type { GroupEvent, JsonObject } from '@lib/domain';
import type { ReadModelDraft } from './draft';
import { assertNew, eventRowKey, existingRow, requireObject, requireString } from './event-guards';
import type { ProjectedEvent, Reducers } from './projected-event';
import type { GroupRow } from './rows';

const GROUP_SCHEMA_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** (event type -> reducer) for the SCIM Groups read model (members: see membership.reducers.ts). */
export const groupReducers: Reducers<GroupEvent> = {
  GroupCreated(draft, event) {
    const key = eventRowKey(event, 'group');
    const displayName = requireString(event.data.displayName, 'displayName', event);
    const resource = requireObject(event.data.resource, 'resource', event);
    assertNew(draft, 'group', key, 'group.created.exists');
    const fields = { ...key, displayName, externalId: event.data.externalId ?? null, attributes: resource };
    draft.putGroup(buildGroup(fields, event, event.occurredAt, event.streamRevision));
  },
  GroupRenamed(draft, event) {
    const current = existingGroup(draft, event);
    const displayName = requireString(event.data.displayName, 'displayName', event);
    draft.putGroup(changedGroup(current, { displayName }, event));
  },
  GroupUpdated(draft, event) {
    const current = existingGroup(draft, event);
    const resource = requireObject(event.data.resource, 'resource', event);
    const externalId = typeof resource.externalId === 'string' ? resource.externalId : null;
    draft.putGroup(changedGroup(current, { externalId, attributes: resource }, event));
  },
  GroupDeleted(draft, event) {
    const current = existingGroup(draft, event);
    draft.removeGroup(current.tenantId, current.id);
  },
};

export function existingGroup(draft: ReadModelDraft, event: ProjectedEvent<GroupEvent>): GroupRow {
  return existingRow(draft, event, 'group');
}

/** The group after an event of its own stream: `created` stays, the stream revision is the event's. */
function changedGroup(current: GroupRow, changes: Partial<GroupFields>, event: ProjectedEvent): GroupRow {
  const fields = { ...current, attributes: current.resource, ...changes };
  return buildGroup(fields, event, current.created, event.streamRevision);
}

interface GroupFields {
  tenantId: string;
  id: string;
  displayName: string;
  externalId: string | null;
  attributes: JsonObject;
}

/**
 * The served group minus members (assembled from the membership table at read time). The
 * version is the global position of the event, so member changes (other streams) change it too.
 */
export function buildGroup(
  fields: GroupFields,
  event: ProjectedEvent,
  created: string,
  streamRevision: number,
): GroupRow {
  const { id: _id, meta: _meta, members: _members, displayName: _displayName, ...attributes } = fields.attributes;
  const version = `W/"${event.globalPosition}"`;
  const lastModified = event.occurredAt;
  return {
    tenantId: fields.tenantId,
    id: fields.id,
    displayName: fields.displayName,
    externalId: fields.externalId,
    resource: {
      schemas: [GROUP_SCHEMA_URN],
      ...attributes,
      id: fields.id,
      displayName: fields.displayName,
      meta: { resourceType: 'Group', created, lastModified, version },
    },
    version,
    streamRevision,
    created,
    lastModified,
  };
}
