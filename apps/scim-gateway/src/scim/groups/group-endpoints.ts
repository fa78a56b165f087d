import { Injectable } from '@nestjs/common';
import type { JsonObject } from '@lib/domain';
import { GroupQueries } from '@lib/read-model';
import { GROUP_RESOURCE_SCHEMA } from '@lib/scim';
import { CreateGroupCommand, DeleteGroupCommand, PatchGroupCommand, ReplaceGroupCommand } from '@lib/write-model';
import { ifMatchPosition } from '../shared/etag';
import { ReadYourWrites } from '../shared/read-your-writes';
import {
  EndpointServices,
  ResourceEndpoints,
  type GuardedTarget,
  type ResourceHandler,
} from '../shared/resource-endpoints';
import type { Projection, ResourceKind } from '../shared/resource-renderer';
import { GroupPatchPlanner } from './group-patch-planner';

export const GROUP_KIND: ResourceKind = {
  schema: GROUP_RESOURCE_SCHEMA,
  endpoint: 'Groups',
  references: { attribute: 'members', endpoint: 'Users' },
};

/** The Groups endpoints: the shared flows over the group handler. */
@Injectable()
export class GroupEndpoints extends ResourceEndpoints {
  constructor(services: EndpointServices, groups: GroupQueries, readYourWrites: ReadYourWrites) {
    super(services, groupHandler(groups, new GroupPatchPlanner(groups, readYourWrites)));
  }
}

/**
 * What is particular to groups: their commands (If-Match is a log position), and membership
 * changes sent to the write model as ids added and removed, so one member of a 100,000-member
 * group is changed without loading the others (group-patch-planner.ts).
 */
export function groupHandler(groups: GroupQueries, planner: GroupPatchPlanner): ResourceHandler {
  const guarded = ({ tenantId, id, metadata, current, ifMatch }: GuardedTarget) => ({
    tenantId,
    groupId: id,
    unchangedSince: ifMatchPosition(ifMatch, current.version),
    metadata,
  });
  return {
    kind: GROUP_KIND,
    read: (tenantId, id, withMembers) => groups.getById(tenantId, id, { excludeMembers: !withMembers }),
    list: (tenantId, query, withMembers) => groups.list(tenantId, { ...query, excludeMembers: !withMembers }),
    showsReferences: (projection) => !excludesMembers(projection),
    toWrite: (resource) => resource as JsonObject,
    // 204 unless attributes are asked for: "the entire resource" of a 100,000-member group is
    // megabytes that no IdP reads (Entra and Okta expect 204 anyway).
    answersPatchWithNoContent: () => true,
    create: ({ tenantId, id, metadata }, resource) =>
      new CreateGroupCommand({ tenantId, groupId: id, resource, metadata }),
    replace: (target, resource) => new ReplaceGroupCommand({ ...guarded(target), resource }),
    patch: (target, operations, policy) =>
      new PatchGroupCommand({
        ...guarded(target),
        plan: (group) => planner.plan(target, group, operations, policy),
      }),
    delete: (target) => new DeleteGroupCommand(guarded(target)),
  };
}

function excludesMembers(projection: Projection): boolean {
  return (
    projection.excludedAttributes.some((name) => name.toLowerCase() === 'members') ||
    (projection.attributes.length > 0 &&
      !projection.attributes.some((name) => name.toLowerCase().startsWith('members')))
  );
}
