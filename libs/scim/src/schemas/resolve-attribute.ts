import { AttributePath } from '../filter/ast';
import { AttributeDefinition } from './attribute-definition';
import { COMMON_ATTRIBUTES } from './common-attributes';
import { findExtension, ResourceSchema } from './resource-schema';

/** Where an attribute lives in a resource and what its schema says about it. */
export interface ResolvedAttribute {
  /** URN of the schema that defines the attribute (the core URN for core and common attributes). */
  readonly schemaUrn: string;
  /** True when the attribute sits under the extension's URN key in the resource JSON. */
  readonly inExtension: boolean;
  readonly definition: AttributeDefinition;
  readonly subDefinition?: AttributeDefinition;
  /** The path with canonical names (schema only for extension attributes). */
  readonly canonical: AttributePath;
}

/** Case-insensitive lookup: RFC 7643 §2.1 makes attribute names case-insensitive. */
export function findAttributeDefinition(
  attributes: readonly AttributeDefinition[] | undefined,
  name: string,
): AttributeDefinition | undefined {
  if (!attributes) return undefined;
  const wanted = name.toLowerCase();
  return attributes.find((definition) => definition.name.toLowerCase() === wanted);
}

/**
 * Resolves an attribute path against a resource schema, case-insensitively (RFC 7644 §3.10).
 * Unqualified names are looked up in the common attributes, then the core schema, then — as a
 * leniency for clients that omit the URN — in an extension when exactly one defines the name.
 * Returns undefined for an unknown attribute or sub-attribute; callers choose the scimType.
 */
export function resolveAttribute(resourceSchema: ResourceSchema, path: AttributePath): ResolvedAttribute | undefined {
  const located = locateTopLevel(resourceSchema, path);
  if (!located) return undefined;
  const { schemaUrn, inExtension, definition } = located;
  if (path.subAttribute === undefined) {
    return {
      schemaUrn,
      inExtension,
      definition,
      canonical: canonicalPath(inExtension ? schemaUrn : undefined, definition.name),
    };
  }
  const subDefinition = findAttributeDefinition(definition.subAttributes, path.subAttribute);
  if (!subDefinition) return undefined;
  return {
    schemaUrn,
    inExtension,
    definition,
    subDefinition,
    canonical: canonicalPath(inExtension ? schemaUrn : undefined, definition.name, subDefinition.name),
  };
}

function canonicalPath(schema: string | undefined, attribute: string, subAttribute?: string): AttributePath {
  return {
    ...(schema !== undefined ? { schema } : {}),
    attribute,
    ...(subAttribute !== undefined ? { subAttribute } : {}),
  };
}

function locateTopLevel(
  resourceSchema: ResourceSchema,
  path: AttributePath,
): { schemaUrn: string; inExtension: boolean; definition: AttributeDefinition } | undefined {
  const coreUrn = resourceSchema.core.id;
  if (path.schema !== undefined) {
    if (path.schema.toLowerCase() === coreUrn.toLowerCase()) {
      const definition =
        findAttributeDefinition(resourceSchema.core.attributes, path.attribute) ??
        findAttributeDefinition(COMMON_ATTRIBUTES, path.attribute);
      return definition ? { schemaUrn: coreUrn, inExtension: false, definition } : undefined;
    }
    const extension = findExtension(resourceSchema, path.schema);
    const definition = extension && findAttributeDefinition(extension.definition.attributes, path.attribute);
    return extension && definition ? { schemaUrn: extension.definition.id, inExtension: true, definition } : undefined;
  }
  const core =
    findAttributeDefinition(COMMON_ATTRIBUTES, path.attribute) ??
    findAttributeDefinition(resourceSchema.core.attributes, path.attribute);
  if (core) return { schemaUrn: coreUrn, inExtension: false, definition: core };
  const candidates = resourceSchema.extensions
    .map((extension) => ({
      extension,
      definition: findAttributeDefinition(extension.definition.attributes, path.attribute),
    }))
    .filter((candidate) => candidate.definition !== undefined);
  if (candidates.length !== 1) return undefined;
  const [{ extension, definition }] = candidates;
  return { schemaUrn: extension.definition.id, inExtension: true, definition: definition! };
}

/** Every top-level attribute of a resource schema with where it lives (common, core, extensions). */
export function allTopLevelAttributes(resourceSchema: ResourceSchema): ResolvedAttribute[] {
  const coreUrn = resourceSchema.core.id;
  const result: ResolvedAttribute[] = [];
  for (const definition of [...COMMON_ATTRIBUTES, ...resourceSchema.core.attributes]) {
    result.push({ schemaUrn: coreUrn, inExtension: false, definition, canonical: { attribute: definition.name } });
  }
  for (const extension of resourceSchema.extensions) {
    for (const definition of extension.definition.attributes) {
      const schemaUrn = extension.definition.id;
      result.push({
        schemaUrn,
        inExtension: true,
        definition,
        canonical: { schema: schemaUrn, attribute: definition.name },
      });
    }
  }
  return result;
}
