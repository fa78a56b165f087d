import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { groupStream, type JsonObject } from '@lib/domain';
import { APP_CONFIG, type AppConfig } from '@lib/platform';
import { GroupQueries, type ListResult } from '@lib/read-model';
import {
  applyPatch,
  GROUP_RESOURCE_SCHEMA,
  NoTargetError,
  operationsOfPatchRequest,
  planGroupMemberPatch,
  validateResource,
  type PatchOperation,
  type ScimResource,
} from '@lib/scim';
import type { ScimPrincipal } from '@lib/tenancy';
import {
  CreateGroupCommand,
  DeleteGroupCommand,
  memberDisplaysOf,
  PatchGroupCommand,
  ReplaceGroupCommand,
  type MemberChange,
  type WriteResult,
} from '@lib/write-model';
import { idpProfilePolicy, patchOptions, type IdpProfilePolicy } from '../idp-profiles/idp-profile-policy';
import { rejectStringBooleans, rejectStringBooleansInPatch } from '../idp-profiles/string-booleans';
import { scimBaseUrl } from '../scim-base-url';
import { checkIfMatch, ifMatchPosition, matchesAny } from '../shared/etag';
import type { ListQuery } from '../shared/list-query';
import { withPatchRetry } from '../shared/patch-retry';
import { ReadYourWrites } from '../shared/read-your-writes';
import { renderResource, type Projection, type ResourceKind } from '../shared/resource-renderer';
import { found, requireResourceId } from '../shared/resource-reads';
import { commandMetadata, GATEWAY_CLOCK, type GatewayClock } from '../shared/write-context';
import type { RenderedResource } from '../users/user-endpoints';
import { asksForAttributes, type PatchOutcome } from '../shared/patch-outcome';

export const GROUP_KIND: ResourceKind = {
  schema: GROUP_RESOURCE_SCHEMA,
  endpoint: 'Groups',
  references: { attribute: 'members', endpoint: 'Users' },
};

/**
 * The Groups endpoints' flows. Membership changes go to the write model as ids added and
 * removed, so one member of a 100,000-member group is changed without loading the others.
 */
@Injectable()
export class GroupEndpoints {
  constructor(
    private readonly commands: CommandBus,
    private readonly groups: GroupQueries,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(GATEWAY_CLOCK) private readonly clock: GatewayClock,
  ) {}

  async create(principal: ScimPrincipal, body: unknown, projection: Projection): Promise<RenderedResource> {
    const resource = this.validate(principal, body);
    const result = await this.commands.execute(
      new CreateGroupCommand({
        tenantId: principal.tenantId,
        groupId: randomUUID(),
        resource,
        metadata: commandMetadata(principal, this.clock),
      }),
    );
    return this.afterWrite(principal, result, projection);
  }

  async get(
    principal: ScimPrincipal,
    id: string,
    projection: Projection,
    ifNoneMatch?: string,
  ): Promise<RenderedResource | 'not-modified'> {
    requireResourceId('Groups', id);
    const view = found(
      await this.groups.getById(principal.tenantId, id, { excludeMembers: excludesMembers(projection) }),
      'Groups',
      id,
    );
    if (matchesAny(ifNoneMatch, view.version)) return 'not-modified';
    return this.render(principal, view.resource, view.version, projection);
  }

  async list(principal: ScimPrincipal, query: ListQuery): Promise<ListResult> {
    const result = await this.groups.list(principal.tenantId, { ...query, excludeMembers: excludesMembers(query) });
    const base = this.baseUrl(principal);
    return {
      ...result,
      resources: result.resources.map((resource) => renderResource(resource, GROUP_KIND, base, query) as JsonObject),
    };
  }

  async replace(
    principal: ScimPrincipal,
    id: string,
    body: unknown,
    ifMatch: string | undefined,
    projection: Projection,
  ): Promise<RenderedResource> {
    requireResourceId('Groups', id);
    const current = found(await this.groups.getById(principal.tenantId, id, { excludeMembers: true }), 'Groups', id);
    checkIfMatch(ifMatch, current.version);
    const resource = this.validate(principal, body, current.resource);
    const result = await this.commands.execute(
      new ReplaceGroupCommand({
        tenantId: principal.tenantId,
        groupId: id,
        resource,
        unchangedSince: ifMatchPosition(ifMatch, current.version),
        metadata: commandMetadata(principal, this.clock),
      }),
    );
    return this.afterWrite(principal, result, projection);
  }

  async patch(
    principal: ScimPrincipal,
    id: string,
    body: unknown,
    ifMatch: string | undefined,
    projection: Projection,
  ): Promise<PatchOutcome> {
    requireResourceId('Groups', id);
    const policy = idpProfilePolicy(principal.idpProfile);
    const operations = operationsOfPatchRequest(body);
    if (!policy.acceptsStringBooleans) rejectStringBooleansInPatch(operations);
    let revisionRead = -1;
    const result = await withPatchRetry(
      ifMatch,
      async () => {
        const current = found(
          await this.groups.getById(principal.tenantId, id, { excludeMembers: true }),
          'Groups',
          id,
        );
        revisionRead = current.streamRevision;
        checkIfMatch(ifMatch, current.version);
        const change = await this.planChange(principal, id, current.resource, operations, policy);
        return this.commands.execute(
          new PatchGroupCommand({
            tenantId: principal.tenantId,
            groupId: id,
            ...change,
            expectedVersion: String(current.streamRevision),
            unchangedSince: ifMatchPosition(ifMatch, current.version),
            metadata: commandMetadata(principal, this.clock),
          }),
        );
      },
      () =>
        this.readYourWrites.catchUpWithStream(
          principal.tenantId,
          groupStream(principal.tenantId, id),
          revisionRead + 1,
        ),
    );
    // 204 unless attributes are asked for: "the entire resource" of a 100,000-member group is
    // megabytes that no IdP reads (Entra and Okta expect 204 anyway).
    if (!asksForAttributes(projection)) {
      await this.readYourWrites.waitFor({
        tenantId: principal.tenantId,
        position: result.lastGlobalPosition,
        location: this.location(principal, id),
      });
      const view = found(await this.groups.getById(principal.tenantId, id, { excludeMembers: true }), 'Groups', id);
      return { status: 204, version: view.version };
    }
    return { status: 200, rendered: await this.afterWrite(principal, result, projection) };
  }

  async delete(principal: ScimPrincipal, id: string, ifMatch: string | undefined): Promise<void> {
    requireResourceId('Groups', id);
    const current = found(await this.groups.getById(principal.tenantId, id, { excludeMembers: true }), 'Groups', id);
    checkIfMatch(ifMatch, current.version);
    const result = await this.commands.execute(
      new DeleteGroupCommand({
        tenantId: principal.tenantId,
        groupId: id,
        unchangedSince: ifMatchPosition(ifMatch, current.version),
        metadata: commandMetadata(principal, this.clock),
      }),
    );
    await this.readYourWrites.waitFor({
      tenantId: principal.tenantId,
      position: result.lastGlobalPosition,
      location: this.location(principal, id),
    });
  }

  /**
   * Member operations by id become adds and removes (or a replacement set); other operations
   * are applied to the group's attributes. Only operations that select members by something
   * other than their id need the whole member list.
   */
  private async planChange(
    principal: ScimPrincipal,
    groupId: string,
    stored: JsonObject,
    operations: PatchOperation[],
    policy: IdpProfilePolicy,
  ): Promise<{ resource?: JsonObject; members?: MemberChange }> {
    const plan = planGroupMemberPatch(operations, patchOptions(policy));
    if (plan.requiresMemberList) return this.planWithMemberList(principal, groupId, stored, operations, policy);
    if (policy.unknownAttributes === 'reject')
      await this.checkFilteredRemovalsHaveTargets(principal.tenantId, groupId, plan.removedByFilter);
    const resource = plan.otherOperations.length
      ? this.applyToAttributes(stored, plan.otherOperations, policy)
      : undefined;
    const displays = plan.memberDisplays;
    const members: MemberChange | undefined = plan.membersReplacedWith
      ? { replaceWith: plan.membersReplacedWith, displays }
      : plan.membersAdded.length || plan.membersRemoved.length
        ? { add: plan.membersAdded, remove: plan.membersRemoved, displays }
        : undefined;
    return { resource, members };
  }

  private async planWithMemberList(
    principal: ScimPrincipal,
    groupId: string,
    stored: JsonObject,
    operations: PatchOperation[],
    policy: IdpProfilePolicy,
  ) {
    const full = found(await this.groups.getById(principal.tenantId, groupId), 'Groups', groupId);
    const patched = applyPatch(
      withoutServerAttributes(full.resource, false),
      operations,
      GROUP_RESOURCE_SCHEMA,
      patchOptions(policy),
    );
    const members = ((patched.resource.members as Array<{ value: string }> | undefined) ?? []).map((member) =>
      String(member.value),
    );
    const resource = validateResource({ ...patched.resource, members: undefined }, GROUP_RESOURCE_SCHEMA, {
      unknownAttributes: 'ignore',
      existing: stored,
    });
    // Only members this change adds take a display from here: a present member's is never rewritten.
    const displays = memberDisplaysOf(patched.resource as JsonObject);
    return { resource: resource as JsonObject, members: { replaceWith: members, displays } as MemberChange };
  }

  private applyToAttributes(stored: JsonObject, operations: PatchOperation[], policy: IdpProfilePolicy): JsonObject {
    const patched = applyPatch(
      withoutServerAttributes(stored, true),
      operations,
      GROUP_RESOURCE_SCHEMA,
      patchOptions(policy),
    );
    return validateResource(patched.resource, GROUP_RESOURCE_SCHEMA, {
      unknownAttributes: 'ignore',
      existing: stored,
    }) as JsonObject;
  }

  /** RFC 7644 §3.5.2.2: removing `members[value eq "x"]` when x is not a member is 400 noTarget (strict profile). */
  private async checkFilteredRemovalsHaveTargets(tenantId: string, groupId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const present = await this.groups.membersAmong(tenantId, groupId, ids);
    const missing = ids.find((id) => !present.has(id));
    if (missing) throw new NoTargetError(`members[value eq "${missing}"] matches no member of the group.`);
  }

  private validate(principal: ScimPrincipal, body: unknown, existing?: JsonObject): JsonObject {
    const policy = idpProfilePolicy(principal.idpProfile);
    if (!policy.acceptsStringBooleans) rejectStringBooleans(body);
    return validateResource(body, GROUP_RESOURCE_SCHEMA, {
      unknownAttributes: policy.unknownAttributes,
      existing,
    }) as JsonObject;
  }

  private async afterWrite(
    principal: ScimPrincipal,
    result: WriteResult,
    projection: Projection,
  ): Promise<RenderedResource> {
    await this.readYourWrites.waitFor({
      tenantId: principal.tenantId,
      position: result.lastGlobalPosition,
      location: this.location(principal, result.id),
    });
    const view = found(
      await this.groups.getById(principal.tenantId, result.id, { excludeMembers: excludesMembers(projection) }),
      'Groups',
      result.id,
    );
    return this.render(principal, view.resource, view.version, projection);
  }

  private render(
    principal: ScimPrincipal,
    stored: JsonObject,
    version: string,
    projection: Projection,
  ): RenderedResource {
    const base = this.baseUrl(principal);
    return {
      resource: renderResource(stored, GROUP_KIND, base, projection),
      version,
      location: this.location(principal, String(stored.id)),
    };
  }

  private location(principal: ScimPrincipal, id: string): string {
    return `${this.baseUrl(principal)}/Groups/${id}`;
  }

  private baseUrl(principal: ScimPrincipal): string {
    return scimBaseUrl(this.config, principal.tenantId);
  }
}

function excludesMembers(projection: Projection): boolean {
  return (
    projection.excludedAttributes.some((name) => name.toLowerCase() === 'members') ||
    (projection.attributes.length > 0 &&
      !projection.attributes.some((name) => name.toLowerCase().startsWith('members')))
  );
}

function withoutServerAttributes(resource: JsonObject, dropMembers: boolean): ScimResource {
  const { meta: _meta, members, ...rest } = resource as Record<string, unknown>;
  return (dropMembers ? rest : { ...rest, ...(members ? { members } : {}) }) as ScimResource;
}
