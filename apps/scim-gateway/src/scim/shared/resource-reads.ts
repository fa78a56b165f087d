import { ResourceNotFoundError } from '@lib/scim';
import type { ResourceView } from '@lib/read-model';

/** 404 for a resource that does not exist, was deleted, or belongs to another tenant: one answer for all three. */
export function found(view: ResourceView | undefined, endpoint: string, id: string): ResourceView {
  if (!view) throw new ResourceNotFoundError(`${endpoint.slice(0, -1)} ${id} not found.`);
  return view;
}
