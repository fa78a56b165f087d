import type { HttpReply } from '@lib/platform';
import { weakEtag } from './etag';

/** Headers of a response that carries one resource: ETag from meta.version, Location on create. */
export function setResourceHeaders(res: HttpReply, version: string | undefined, location?: string): void {
  if (version) res.header('ETag', weakEtag(version));
  if (location) res.header('Location', location);
}
