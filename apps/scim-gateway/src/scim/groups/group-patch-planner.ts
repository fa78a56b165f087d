import type { JsonObject } from '@lib/domain';
import type { GroupQueries } from '@lib/read-model';
import {
  applyPatch,
  GROUP_RESOURCE_SCHEMA,
  NoTargetError,
  planGroupMemberPatch,
  validateResource,
  type PatchOperation,
  type ScimResource,
} from '@lib/scim';
import { memberDisplaysOf, type GroupChange, type GroupSnapshot, type MemberChange } from '@lib/write-model';
import { patchOptions, type IdpProfilePolicy } from '../idp-profiles/idp-profile-policy';
import type { ReadYourWrites } from '../shared/read-your-writes';
import { found } from '../shared/resource-reads';

/**
 * A group PatchOp as the write model takes it, planned on the group it read (and again after a
 * lost race). Member operations by id become adds and removes (or a replacement set); other
 * operations are applied to the group's attributes. Only operations that select members by
 * something other than their id need the whole member list.
 */
export class GroupPatchPlanner {
  constructor(
    private readonly groups: GroupQueries,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async plan(
    target: { tenantId: string; id: string },
    group: GroupSnapshot,
    operations: PatchOperation[],
    policy: IdpProfilePolicy,
  ): Promise<GroupChange> {
    // The resource as the client knows it: a no-path replace may carry the (unchanged) id.
    const stored = { ...group.resource, id: target.id };
    const plan = planGroupMemberPatch(operations, patchOptions(policy));
    if (plan.requiresMemberList) return this.planWithMemberList(target, group, stored, operations, policy);
    if (policy.unknownAttributes === 'reject')
      await this.checkFilteredRemovalsHaveTargets(target, plan.removedByFilter);
    const resource = plan.otherOperations.length
      ? validated(patched(withoutServerAttributes(stored, true), plan.otherOperations, policy), stored)
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
    { tenantId, id }: { tenantId: string; id: string },
    group: GroupSnapshot,
    stored: JsonObject,
    operations: PatchOperation[],
    policy: IdpProfilePolicy,
  ): Promise<GroupChange> {
    // The member list as of the group the write model read (the read model may trail it).
    await this.readYourWrites.waitFor({ tenantId, position: group.position });
    const full = found(await this.groups.getById(tenantId, id), 'Groups', id);
    const result = patched(withoutServerAttributes(full.resource, false), operations, policy);
    const members = ((result.members as Array<{ value: string }> | undefined) ?? []).map((member) =>
      String(member.value),
    );
    const resource = validated({ ...result, members: undefined }, stored);
    // Only members this change adds take a display from here: a present member's is never rewritten.
    const displays = memberDisplaysOf(result as JsonObject);
    return { resource, members: { replaceWith: members, displays } };
  }

  /** RFC 7644 §3.5.2.2: removing `members[value eq "x"]` when x is not a member is 400 noTarget (strict profile). */
  private async checkFilteredRemovalsHaveTargets(
    { tenantId, id }: { tenantId: string; id: string },
    ids: string[],
  ): Promise<void> {
    if (ids.length === 0) return;
    const present = await this.groups.membersAmong(tenantId, id, ids);
    const missing = ids.find((memberId) => !present.has(memberId));
    if (missing) throw new NoTargetError('SCIM-V2ce', `members[value eq "${missing}"] matches no member of the group.`);
  }
}

function patched(base: ScimResource, operations: PatchOperation[], policy: IdpProfilePolicy): ScimResource {
  return applyPatch(base, operations, GROUP_RESOURCE_SCHEMA, patchOptions(policy)).resource;
}

function validated(resource: ScimResource, stored: JsonObject): JsonObject {
  return validateResource(resource, GROUP_RESOURCE_SCHEMA, {
    unknownAttributes: 'ignore',
    existing: stored,
  }) as JsonObject;
}

function withoutServerAttributes(resource: JsonObject, dropMembers: boolean): ScimResource {
  const { meta: _meta, members, ...rest } = resource as Record<string, unknown>;
  return (dropMembers ? rest : { ...rest, ...(members ? { members } : {}) }) as ScimResource;
}
