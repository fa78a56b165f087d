import type { Response } from 'express';
import { weakEtag } from './etag';

/** Headers of a response that carries one resource: ETag from meta.version, Location on create. */
export function setResourceHeaders(res: Response, version: string | undefined, location?: string): void {
  if (version) res.setHeader('ETag', weakEtag(version));
  if (location) res.setHeader('Location', location);
}
