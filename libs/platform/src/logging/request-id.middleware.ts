import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from './request-context';

const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes the caller's X-Request-Id when it is sane, otherwise makes one; echoes it back. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const offered = req.header('x-request-id');
  const requestId = offered && VALID_REQUEST_ID.test(offered) ? offered : randomUUID();
  res.setHeader('X-Request-Id', requestId);
  requestContext.run({ requestId }, () => next());
}
