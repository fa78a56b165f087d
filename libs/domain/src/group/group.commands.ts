import type { JsonObject } from '../shared/json';

/**
 * Group lifecycle commands. `resource` is the validated SCIM Group; its `members` are ignored
 * here (membership is decided per member, see membership/), `id`/`meta` are server-owned.
 */
export type GroupCommand = CreateGroup | UpdateGroup | DeleteGroup;

export interface CreateGroup {
  type: 'CreateGroup';
  tenantId: string;
  groupId: string;
  resource: JsonObject;
}

export interface UpdateGroup {
  type: 'UpdateGroup';
  tenantId: string;
  groupId: string;
  resource: JsonObject;
}

export interface DeleteGroup {
  type: 'DeleteGroup';
  tenantId: string;
  groupId: string;
}
