import type { Response } from 'express';
import type { RenderedResource } from '../users/user-endpoints';
import { setResourceHeaders } from './scim-response';

/** Writes one resource (or 304) with its ETag, and Location on create. */
export function sendRendered(res: Response, status: number, rendered: RenderedResource | 'not-modified', created = false): void {
  if (rendered === 'not-modified') {
    res.status(304).end();
    return;
  }
  setResourceHeaders(res, rendered.version, created ? rendered.location : undefined);
  res.status(status).type('application/scim+json').send(JSON.stringify(rendered.resource));
}
