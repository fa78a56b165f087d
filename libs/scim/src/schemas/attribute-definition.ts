import { SCHEMA_URNS } from '../messages/urns';

/**
 * Schema representation of RFC 7643 §7: the attribute characteristics of §2.2.
 * These objects are served as-is by /Schemas and drive validation, filtering, PATCH and projection.
 */

/** RFC 7643 §2.3 data types. */
export type AttributeType =
  | 'string'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'dateTime'
  | 'binary'
  | 'reference'
  | 'complex';

/** RFC 7643 §7 `mutability`. */
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';

/** RFC 7643 §7 `returned`. */
export type Returned = 'always' | 'never' | 'default' | 'request';

/** RFC 7643 §7 `uniqueness`. */
export type Uniqueness = 'none' | 'server' | 'global';

export interface AttributeDefinition {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly description: string;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly uniqueness: Uniqueness;
  readonly canonicalValues?: readonly string[];
  /** For `reference` attributes: resource type names, or `external` / `uri` (RFC 7643 §7). */
  readonly referenceTypes?: readonly string[];
  readonly subAttributes?: readonly AttributeDefinition[];
}

/** RFC 7643 §7 schema resource (a document of /Schemas). */
export interface SchemaDefinition {
  readonly schemas?: readonly string[];
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly AttributeDefinition[];
  readonly meta?: { readonly resourceType: 'Schema'; readonly location: string };
}

type AttributeOptions = Partial<Omit<AttributeDefinition, 'name' | 'type'>>;

/**
 * Builds a definition with every characteristic spelled out, using the RFC 7643 §2.2 defaults
 * (required false, caseExact false, mutability readWrite, returned default, uniqueness none),
 * so that /Schemas never serves a partial definition.
 */
export function attribute(name: string, type: AttributeType, options: AttributeOptions = {}): AttributeDefinition {
  return {
    name,
    type,
    multiValued: options.multiValued ?? false,
    description: options.description ?? '',
    required: options.required ?? false,
    caseExact: options.caseExact ?? false,
    mutability: options.mutability ?? 'readWrite',
    returned: options.returned ?? 'default',
    uniqueness: options.uniqueness ?? 'none',
    ...(options.canonicalValues ? { canonicalValues: options.canonicalValues } : {}),
    ...(type === 'reference' ? { referenceTypes: options.referenceTypes ?? ['external'] } : {}),
    ...(type === 'complex' ? { subAttributes: options.subAttributes ?? [] } : {}),
  };
}

/** A schema document as /Schemas serves it (RFC 7643 §7): the Schema URN, and `meta` locating it. */
export function schemaDefinition(
  id: string,
  name: string,
  description: string,
  attributes: readonly AttributeDefinition[],
): SchemaDefinition {
  return {
    schemas: [SCHEMA_URNS.schema],
    id,
    name,
    description,
    attributes,
    meta: { resourceType: 'Schema', location: `/v2/Schemas/${id}` },
  };
}

/** A string attribute with nothing but a description: most attributes of the User schemas. */
export function textAttribute(name: string, description: string): AttributeDefinition {
  return attribute(name, 'string', { description });
}

/**
 * The usual sub-attributes of a multi-valued attribute (RFC 7643 §2.4): value, display, type, primary.
 */
export function multiValuedSubAttributes(
  valueType: AttributeType,
  typeCanonicalValues: readonly string[],
  valueOptions: AttributeOptions = {},
  mutability: AttributeDefinition['mutability'] = 'readWrite',
): AttributeDefinition[] {
  return [
    attribute('value', valueType, { description: 'The value of the attribute.', mutability, ...valueOptions }),
    attribute('display', 'string', {
      description: 'A human-readable name, primarily used for display purposes.',
      mutability,
    }),
    attribute('type', 'string', {
      description: "A label indicating the attribute's function.",
      canonicalValues: typeCanonicalValues,
      mutability,
    }),
    attribute('primary', 'boolean', {
      description: "A Boolean value indicating the 'primary' or preferred attribute value; true at most once.",
      mutability,
    }),
  ];
}
