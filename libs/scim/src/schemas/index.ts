export type {
  AttributeDefinition,
  AttributeType,
  Mutability,
  Returned,
  SchemaDefinition,
  Uniqueness,
} from './attribute-definition';
export { attribute, multiValuedSubAttributes } from './attribute-definition';
export { COMMON_ATTRIBUTES } from './common-attributes';
export { ENTERPRISE_USER_SCHEMA } from './enterprise-user.schema';
export { GROUP_SCHEMA } from './group.schema';
export { USER_SCHEMA } from './user.schema';
export type { ResourceSchema, SchemaExtensionDefinition } from './resource-schema';
export {
  ALL_SCHEMAS,
  findExtension,
  findSchemaById,
  GROUP_RESOURCE_SCHEMA,
  RESOURCE_SCHEMAS_BY_NAME,
  USER_RESOURCE_SCHEMA,
} from './resource-schema';
export type { ResourceTypeDocument } from './resource-types';
export { GROUP_RESOURCE_TYPE, resourceTypeDocument, USER_RESOURCE_TYPE } from './resource-types';
export type { AuthenticationScheme, ServiceProviderLimits } from './service-provider-config';
export { buildServiceProviderConfig, OAUTH_BEARER_TOKEN_SCHEME } from './service-provider-config';
export type { ResolvedAttribute } from './resolve-attribute';
export { allTopLevelAttributes, findAttributeDefinition, resolveAttribute } from './resolve-attribute';
export type { ScimResource } from './resource-values';
export { cloneJson, deepEqual, getCaseInsensitive, isEmptyValue } from './resource-values';
export type { CoerceOptions } from './coerce-value';
export { coerceAttributeValue, coerceSingleValue } from './coerce-value';
export type { ValidateResourceOptions } from './resource-validator';
export { validateResource } from './resource-validator';
export { ATTRIBUTE_MAX_LENGTH, longerThan, maxLengthOf, maxValuesOf, RESOURCE_LIMITS } from './limits';
export type { UnstorableReason } from './storable-text';
export { assertStorableText, inspectInput, MAX_JSON_DEPTH, toStorableText, unstorableReason } from './storable-text';
