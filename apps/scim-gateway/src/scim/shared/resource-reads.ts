import { isResourceId } from '@lib/domain';
import { ResourceNotFoundError } from '@lib/scim';
import type { ResourceView } from '@lib/read-model';

/** 404 for a resource that does not exist, was deleted, or belongs to another tenant: one answer for all three. */
export function found(view: ResourceView | undefined, endpoint: string, id: string): ResourceView {
  if (!view) throw new ResourceNotFoundError('SCIM-nuKF', `${endpoint.slice(0, -1)} ${id} not found.`);
  return view;
}

/**
 * Ids of users and groups are this service's UUIDs: any other id in a URL names nothing, so it is
 * a plain 404 before any read (the same answer as a well-formed id that does not exist).
 */
export function requireResourceId(endpoint: string, id: string): void {
  if (!isResourceId(id))
    throw new ResourceNotFoundError('SCIM-2Jiw', `${endpoint.slice(0, -1)} ${id.slice(0, 80)} not found.`);
}
