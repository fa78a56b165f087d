import type { GroupEvent, JsonObject } from '@lib/domain';
import type { ReadModelDraft } from './draft';
import { requireObject, requireString } from './event-guards';
import { ProjectionError, type ProjectedEvent } from './projected-event';
import type { GroupRow } from './rows';

type Reducer<T extends GroupEvent['type']> = (
  draft: ReadModelDraft,
  event: ProjectedEvent<Extract<GroupEvent, { type: T }>>,
) => void;

const GROUP_SCHEMA_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** (event type -> reducer) for the SCIM Groups read model (members: see membership.reducers.ts). */
export const groupReducers: { [T in GroupEvent['type']]: Reducer<T> } = {
  GroupCreated(draft, event) {
    const tenantId = requireString(event.data.tenantId, 'tenantId', event);
    const groupId = requireString(event.data.groupId, 'groupId', event);
    const displayName = requireString(event.data.displayName, 'displayName', event);
    const resource = requireObject(event.data.resource, 'resource', event);
    if (draft.getGroup(tenantId, groupId))
      throw new ProjectionError('group.created.exists', `group ${groupId} is already in the read model`);
    draft.putGroup(
      buildGroup(
        { tenantId, id: groupId, displayName, externalId: event.data.externalId ?? null, attributes: resource },
        event,
        event.occurredAt,
        event.streamRevision,
      ),
    );
  },
  GroupRenamed(draft, event) {
    const current = existingGroup(draft, event);
    const displayName = requireString(event.data.displayName, 'displayName', event);
    draft.putGroup(
      buildGroup(
        { ...current, displayName, attributes: current.resource },
        event,
        current.created,
        event.streamRevision,
      ),
    );
  },
  GroupUpdated(draft, event) {
    const current = existingGroup(draft, event);
    const resource = requireObject(event.data.resource, 'resource', event);
    const externalId = typeof resource.externalId === 'string' ? resource.externalId : null;
    draft.putGroup(
      buildGroup({ ...current, externalId, attributes: resource }, event, current.created, event.streamRevision),
    );
  },
  GroupDeleted(draft, event) {
    const current = existingGroup(draft, event);
    draft.removeGroup(current.tenantId, current.id);
  },
};

export function existingGroup(draft: ReadModelDraft, event: ProjectedEvent<GroupEvent>): GroupRow {
  const tenantId = requireString(event.data.tenantId, 'tenantId', event);
  const groupId = requireString(event.data.groupId, 'groupId', event);
  const current = draft.getGroup(tenantId, groupId);
  if (!current)
    throw new ProjectionError(
      'group.not_found',
      `${event.type} for group ${groupId} of tenant ${tenantId}, which is not in the read model`,
    );
  return current;
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
