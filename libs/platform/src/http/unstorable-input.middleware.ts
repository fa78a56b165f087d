import { inspectInput, ResourceNotFoundError, ScimError, unstorableReason } from '@lib/scim';
import type { HttpReply, HttpRequest } from './http-types';
import { pathOf } from './request-path';

/**
 * The one edge check of every request, after the body is parsed and before any route runs:
 *
 * - a path segment that decodes to a NUL or a lone surrogate, or does not decode at all, names
 *   nothing that can exist: 404 (ids are never refused as "invalid", only not found);
 * - the query string and the JSON body: nesting at most MAX_JSON_DEPTH (checked iteratively, so
 *   no later recursive walk can overflow the stack), and no NUL or lone surrogate in any value
 *   or name: 400 invalidValue naming where.
 *
 * Header values need no check here: Node refuses control characters in them, and they arrive as
 * Latin-1 bytes, which have no surrogates. Filter literals can spell `\u0000` as an escape; the
 * filter lexer applies the same rule to the decoded value.
 */
export function refuseUnstorableInput(send: (reply: HttpReply, error: ScimError) => void) {
  /** True when the request was answered (refused). */
  return (request: HttpRequest, reply: HttpReply): boolean => {
    if (!pathIsStorable(pathOf(request.url))) {
      send(reply, new ResourceNotFoundError('SCIM-qBck', 'The requested endpoint or resource does not exist.'));
      return true;
    }
    try {
      inspectInput(request.query, 'The query string');
      if (request.body !== undefined) inspectInput(request.body, 'The request body');
    } catch (error) {
      if (!(error instanceof ScimError)) throw error;
      send(reply, error);
      return true;
    }
    return false;
  };
}

function pathIsStorable(path: string): boolean {
  for (const segment of path.split('/')) {
    if (!segment.includes('%')) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return false;
    }
    if (unstorableReason(decoded)) return false;
  }
  return unstorableReason(path) === undefined;
}
