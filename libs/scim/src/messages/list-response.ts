import { LIST_RESPONSE_URN } from './urns';

/** RFC 7644 §3.4.2 ListResponse. */
export interface ListResponse<T> {
  schemas: [typeof LIST_RESPONSE_URN];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

/**
 * Builds a ListResponse. `itemsPerPage` defaults to the number of resources returned;
 * `Resources` is always present (an empty array for no match or count=0), which is what Entra
 * and Okta expect from a filter with no match (200, totalResults 0).
 */
export function listResponse<T>(
  resources: T[],
  totalResults: number,
  startIndex = 1,
  itemsPerPage = resources.length,
): ListResponse<T> {
  return { schemas: [LIST_RESPONSE_URN], totalResults, startIndex, itemsPerPage, Resources: resources };
}
