import { LIST_RESPONSE_URN } from '@lib/scim';
import type { ListResult } from '@lib/read-model';

/** RFC 7644 §3.4.2 ListResponse, with RFC 9865's cursors when cursor paging was asked for. */
export function toListResponse(result: ListResult) {
  return {
    schemas: [LIST_RESPONSE_URN],
    totalResults: result.totalResults,
    startIndex: result.startIndex,
    itemsPerPage: result.itemsPerPage,
    ...(result.nextCursor !== undefined ? { nextCursor: result.nextCursor } : {}),
    ...(result.previousCursor !== undefined ? { previousCursor: result.previousCursor } : {}),
    Resources: result.resources,
  };
}
