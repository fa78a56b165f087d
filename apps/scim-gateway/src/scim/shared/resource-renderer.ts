import { projectResource, type ResourceSchema, type ScimResource } from '@lib/scim';
import type { JsonObject } from '@lib/domain';
import { defaultProjection } from './default-projection';

export interface Projection {
  attributes: string[];
  excludedAttributes: string[];
}

export interface ResourceKind {
  schema: ResourceSchema;
  /** 'Users' or 'Groups': the endpoint under the tenant's base URL. */
  endpoint: string;
  /** Multi-valued references to the other resource type, to give `$ref` URLs: groups of a user, members of a group. */
  references: { attribute: string; endpoint: string };
}

/**
 * A stored resource as the client sees it: absolute meta.location and `$ref`s (the read model
 * does not know the public URL), then attributes/excludedAttributes honouring `returned` (without
 * either, the projection compiled once per schema: default-projection.ts).
 */
export function renderResource(
  stored: JsonObject,
  kind: ResourceKind,
  baseUrl: string,
  projection: Projection,
): ScimResource {
  const resource: Record<string, unknown> = { ...stored };
  const meta = { ...((stored.meta as Record<string, unknown>) ?? {}) };
  meta.location = `${baseUrl}/${kind.endpoint}/${String(stored.id)}`;
  resource.meta = meta;
  const references = resource[kind.references.attribute];
  if (Array.isArray(references)) {
    resource[kind.references.attribute] = references.map((item: Record<string, unknown>) => ({
      ...item,
      $ref: `${baseUrl}/${kind.references.endpoint}/${String(item.value)}`,
    }));
  }
  if (projection.attributes.length === 0 && projection.excludedAttributes.length === 0)
    return defaultProjection(kind.schema)(resource);
  return projectResource(resource, kind.schema, projection);
}
