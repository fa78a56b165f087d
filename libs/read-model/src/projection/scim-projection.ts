import type { ScimDomainEvent } from '@lib/domain';
import type { ReadModelDraft } from './draft';
import { groupReducers } from './group.reducers';
import { groupMembershipReducers, membershipReducers } from './membership.reducers';
import type { ProjectedEvent } from './projected-event';
import { userReducers } from './user.reducers';

export type AnyReducer = (draft: ReadModelDraft, event: ProjectedEvent) => void;

/**
 * The SCIM read model projection: one table of (event type -> reducer). Users, groups and
 * memberships form one projection with one checkpoint because memberships depend on both.
 * Event types not listed (tenant and userName-reservation events) only advance the checkpoint.
 */
export const scimProjection: Readonly<Partial<Record<ScimDomainEvent['type'], AnyReducer>>> = {
  ...(userReducers as unknown as Record<string, AnyReducer>),
  ...(groupReducers as unknown as Record<string, AnyReducer>),
  ...(membershipReducers as unknown as Record<string, AnyReducer>),
  ...(groupMembershipReducers as unknown as Record<string, AnyReducer>),
};

export function reducerFor(type: string): AnyReducer | undefined {
  return (scimProjection as Record<string, AnyReducer | undefined>)[type];
}
