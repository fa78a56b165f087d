import { SCHEMA_URNS } from '../messages/urns';
import { SchemaDefinition } from './attribute-definition';
import { ENTERPRISE_USER_SCHEMA } from './enterprise-user.schema';
import { GROUP_SCHEMA } from './group.schema';
import { USER_SCHEMA } from './user.schema';

export interface SchemaExtensionDefinition {
  readonly definition: SchemaDefinition;
  readonly required: boolean;
}

/**
 * A resource type's full schema: its core schema and its extensions (RFC 7643 §6).
 * This is what the validator, filter evaluator, PATCH engine and projection take.
 */
export interface ResourceSchema {
  readonly name: string;
  readonly endpoint: string;
  readonly description: string;
  readonly core: SchemaDefinition;
  readonly extensions: readonly SchemaExtensionDefinition[];
}

export const USER_RESOURCE_SCHEMA: ResourceSchema = {
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  core: USER_SCHEMA,
  extensions: [{ definition: ENTERPRISE_USER_SCHEMA, required: false }],
};

export const GROUP_RESOURCE_SCHEMA: ResourceSchema = {
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  core: GROUP_SCHEMA,
  extensions: [],
};

/** All schema documents served by /Schemas (RFC 7644 §4). */
export const ALL_SCHEMAS: readonly SchemaDefinition[] = [USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE_USER_SCHEMA];

export function findSchemaById(id: string): SchemaDefinition | undefined {
  const wanted = id.toLowerCase();
  return ALL_SCHEMAS.find((schema) => schema.id.toLowerCase() === wanted);
}

/** The extension whose URN equals `urn`, compared case-insensitively (URNs are case-insensitive, RFC 8141). */
export function findExtension(resourceSchema: ResourceSchema, urn: string): SchemaExtensionDefinition | undefined {
  const wanted = urn.toLowerCase();
  return resourceSchema.extensions.find((extension) => extension.definition.id.toLowerCase() === wanted);
}

export const RESOURCE_SCHEMAS_BY_NAME: Readonly<Record<string, ResourceSchema>> = {
  User: USER_RESOURCE_SCHEMA,
  Group: GROUP_RESOURCE_SCHEMA,
};

export { SCHEMA_URNS };
