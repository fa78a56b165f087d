import { Injectable } from '@nestjs/common';
import type { JsonObject } from '@lib/domain';
import { UserQueries } from '@lib/read-model';
import { applyPatch, USER_RESOURCE_SCHEMA, validateResource, type PatchOperation, type ScimResource } from '@lib/scim';
import { DeleteUserCommand, PatchUserCommand, ProvisionUserCommand, ReplaceUserCommand } from '@lib/write-model';
import { patchOptions, type IdpProfilePolicy } from '../idp-profiles/idp-profile-policy';
import { ifMatchRevision } from '../shared/etag';
import {
  EndpointServices,
  ResourceEndpoints,
  type GuardedTarget,
  type ResourceHandler,
} from '../shared/resource-endpoints';
import type { ResourceKind } from '../shared/resource-renderer';

export const USER_KIND: ResourceKind = {
  schema: USER_RESOURCE_SCHEMA,
  endpoint: 'Users',
  references: { attribute: 'groups', endpoint: 'Groups' },
};

/** The Users endpoints: the shared flows over the user handler. */
@Injectable()
export class UserEndpoints extends ResourceEndpoints {
  constructor(services: EndpointServices, users: UserQueries) {
    super(services, userHandler(users));
  }
}

/** What is particular to users: their commands (If-Match is a stream revision), passwords, `active`. */
export function userHandler(users: UserQueries): ResourceHandler {
  const guarded = ({ tenantId, id, metadata, current, ifMatch }: GuardedTarget) => ({
    tenantId,
    userId: id,
    expectedVersion: ifMatchRevision(ifMatch, current.streamRevision),
    metadata,
  });
  return {
    kind: USER_KIND,
    read: (tenantId, id, withGroups) => users.getById(tenantId, id, { excludeGroups: !withGroups }),
    list: (tenantId, query, withGroups) => users.list(tenantId, { ...query, excludeGroups: !withGroups }),
    showsReferences: (projection) => !projection.excludedAttributes.some((name) => name.toLowerCase() === 'groups'),
    toWrite: withoutPassword,
    answersPatchWithNoContent: (policy) => policy.answersUserPatchWithNoContent,
    create: ({ tenantId, id, metadata }, resource) =>
      new ProvisionUserCommand({ tenantId, userId: id, resource, metadata }),
    replace: (target, resource) => new ReplaceUserCommand({ ...guarded(target), resource }),
    patch: (target, operations, policy) =>
      new PatchUserCommand({
        ...guarded(target),
        resource: (stored) => patchedUser({ ...stored, id: target.id }, operations, policy),
      }),
    delete: (target) => new DeleteUserCommand(guarded(target)),
  };
}

/**
 * Passwords are accepted (Okta sends one even when passwords are not synced) and dropped: this
 * service does not authenticate users, and an event log must never hold a secret.
 */
export function withoutPassword(resource: ScimResource): JsonObject {
  const copy: Record<string, unknown> = { ...resource };
  for (const key of Object.keys(copy)) if (key.toLowerCase() === 'password') delete copy[key];
  return copy as JsonObject;
}

/** The user after a PatchOp: applied to the stored user, validated, `active` unassigned when removed. */
function patchedUser(stored: JsonObject, operations: PatchOperation[], policy: IdpProfilePolicy): JsonObject {
  const patched = applyPatch(withoutReadOnly(stored), operations, USER_RESOURCE_SCHEMA, patchOptions(policy));
  const validated = withoutPassword(
    validateResource(patched.resource, USER_RESOURCE_SCHEMA, { unknownAttributes: 'ignore', existing: stored }),
  );
  return withUnassignedActive(validated, stored);
}

/**
 * A PATCH gives the complete new resource, so an `active` it no longer has was removed (`remove
 * active`, or `replace` with null): RFC 7644 §3.5.2.2 makes it unassigned, which the write model
 * is told with `active: null` (a resource without `active`, as a PUT sends, leaves it unchanged).
 */
function withUnassignedActive(resource: JsonObject, current: JsonObject): JsonObject {
  if (resource.active !== undefined || current.active === undefined) return resource;
  return { ...resource, active: null };
}

/** The stored resource minus what the server owns (id, meta, groups), as the base a PATCH applies to. */
function withoutReadOnly(resource: JsonObject): ScimResource {
  const { meta: _meta, groups: _groups, ...rest } = resource as Record<string, unknown>;
  return rest as ScimResource;
}
