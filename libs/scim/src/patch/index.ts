export type { AttributeChange, PatchOptions, PatchResult } from './apply-patch';
export { applyPatch } from './apply-patch';
export type { GroupMemberPatchPlan, GroupMemberPlanOptions } from './group-member-plan';
export { planGroupMemberPatch } from './group-member-plan';
export type { NormalisedPatchOperation, PatchOperation, PatchOperationName } from './patch-operation';
export { normalisePatchOperation, operationsOfPatchRequest } from './patch-operation';
