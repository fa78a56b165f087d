import type { HttpReply } from '@lib/platform';
import type { RenderedResource } from './resource-endpoints';
import type { PatchOutcome } from './patch-outcome';
import { setResourceHeaders } from './scim-response';

/** Writes one resource (or 304) with its ETag, and Location on create. */
export function sendRendered(
  res: HttpReply,
  status: number,
  rendered: RenderedResource | 'not-modified',
  created = false,
): void {
  if (rendered === 'not-modified') {
    void res.status(304).send();
    return;
  }
  setResourceHeaders(res, rendered.version, created ? rendered.location : undefined);
  void res.status(status).type('application/scim+json').send(JSON.stringify(rendered.resource));
}

/** A PATCH answer: the resource (200), or no body with the new ETag (204). */
export function sendPatchOutcome(res: HttpReply, outcome: PatchOutcome): void {
  if (outcome.status === 200) return sendRendered(res, 200, outcome.rendered);
  setResourceHeaders(res, outcome.version);
  void res.status(204).send();
}
