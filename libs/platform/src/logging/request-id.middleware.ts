import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes the caller's X-Request-Id when it is sane, otherwise makes one; echoes it back. */
export function assignRequestId(offered: string | string[] | undefined, response: ServerResponse): string {
  const requestId = typeof offered === 'string' && VALID_REQUEST_ID.test(offered) ? offered : randomUUID();
  response.setHeader('X-Request-Id', requestId);
  return requestId;
}
