import type { NextFunction, Request, Response } from 'express';
import { inspectInput, ResourceNotFoundError, ScimError, unstorableReason } from '@lib/scim';

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
export function refuseUnstorableInput(send: (res: Response, error: ScimError) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!pathIsStorable(req.path))
      return send(res, new ResourceNotFoundError('SCIM-qBck', 'The requested endpoint or resource does not exist.'));
    try {
      inspectInput(req.query, 'The query string');
      if (req.body !== undefined) inspectInput(req.body, 'The request body');
    } catch (error) {
      if (error instanceof ScimError) return send(res, error);
      throw error;
    }
    next();
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
