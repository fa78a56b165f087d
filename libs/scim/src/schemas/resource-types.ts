import { SCHEMA_URNS } from '../messages/urns';
import { ResourceSchema, USER_RESOURCE_SCHEMA, GROUP_RESOURCE_SCHEMA } from './resource-schema';

/** RFC 7643 §6 ResourceType resource, served by /ResourceTypes. */
export interface ResourceTypeDocument {
  schemas: [typeof SCHEMA_URNS.resourceType];
  id: string;
  name: string;
  endpoint: string;
  description: string;
  schema: string;
  schemaExtensions: { schema: string; required: boolean }[];
  meta: { resourceType: 'ResourceType'; location: string };
}

/** Builds the ResourceType document of a resource schema. `baseLocation` is e.g. `https://host/scim/v2`. */
export function resourceTypeDocument(resourceSchema: ResourceSchema, baseLocation = ''): ResourceTypeDocument {
  return {
    schemas: [SCHEMA_URNS.resourceType],
    id: resourceSchema.name,
    name: resourceSchema.name,
    endpoint: resourceSchema.endpoint,
    description: resourceSchema.description,
    schema: resourceSchema.core.id,
    schemaExtensions: resourceSchema.extensions.map((extension) => ({
      schema: extension.definition.id,
      required: extension.required,
    })),
    meta: { resourceType: 'ResourceType', location: `${baseLocation}/ResourceTypes/${resourceSchema.name}` },
  };
}

export const USER_RESOURCE_TYPE = resourceTypeDocument(USER_RESOURCE_SCHEMA);
export const GROUP_RESOURCE_TYPE = resourceTypeDocument(GROUP_RESOURCE_SCHEMA);
