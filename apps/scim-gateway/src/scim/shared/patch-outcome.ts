import type { RenderedResource } from './resource-endpoints';
import type { Projection } from './resource-renderer';

/**
 * A PATCH answer. RFC 7644 §3.5.2 allows 204 No Content or 200 with the resource; which one is
 * the profile's and the endpoint's choice (docs/idp-compatibility.md), and 200 whenever the
 * client asks for attributes.
 */
export type PatchOutcome = { status: 200; rendered: RenderedResource } | { status: 204; version: string };

/** `attributes` or `excludedAttributes` on the request: the client wants the resource back. */
export function asksForAttributes(projection: Projection): boolean {
  return projection.attributes.length > 0 || projection.excludedAttributes.length > 0;
}
