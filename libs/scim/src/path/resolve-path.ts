import { InvalidPathError, isScimError } from '../errors';
import { AttributeDefinition } from '../schemas/attribute-definition';
import { evaluateValueFilter } from '../filter/evaluator';
import { Filter } from '../filter/ast';
import { ResourceSchema } from '../schemas/resource-schema';
import { findAttributeDefinition, resolveAttribute, ResolvedAttribute } from '../schemas/resolve-attribute';
import { PatchPath } from './ast';
import { printPatchPath } from './parser';

/** A PATCH path checked against the schema, with canonical names. */
export interface ResolvedPatchPath {
  readonly attribute: ResolvedAttribute;
  readonly valueFilter?: Filter;
  readonly subDefinition?: AttributeDefinition;
  /** The path rendered with canonical names, e.g. `emails[type eq "work"].value`. */
  readonly canonical: string;
}

/**
 * Resolves a PATCH path case-insensitively against the resource schema (RFC 7644 §3.5.2).
 * Unknown attributes, a value filter on a non-multi-valued attribute, and filters naming unknown
 * sub-attributes are 400 invalidPath.
 */
export function resolvePatchPath(path: PatchPath, resourceSchema: ResourceSchema): ResolvedPatchPath {
  const attribute = resolveAttribute(resourceSchema, {
    ...(path.schema !== undefined ? { schema: path.schema } : {}),
    attribute: path.attribute,
    ...(path.valueFilter === undefined && path.subAttribute !== undefined ? { subAttribute: path.subAttribute } : {}),
  });
  if (!attribute) throw new InvalidPathError('SCIM-jGBz', `Unknown attribute in path "${printPatchPath(path)}"`);
  const definition = attribute.definition;
  let subDefinition = attribute.subDefinition;

  if (path.valueFilter !== undefined) {
    if (!definition.multiValued || definition.type !== 'complex') {
      throw new InvalidPathError(
        'SCIM-SgJP',
        `Path "${printPatchPath(path)}": a value filter needs a multi-valued complex attribute`,
      );
    }
    checkValueFilter(path.valueFilter, definition, path);
    if (path.subAttribute !== undefined) {
      subDefinition = findAttributeDefinition(definition.subAttributes, path.subAttribute);
      if (!subDefinition)
        throw new InvalidPathError('SCIM-GcjM', `Unknown sub-attribute in path "${printPatchPath(path)}"`);
    }
  }
  const canonical = printPatchPath({
    ...(attribute.inExtension ? { schema: attribute.schemaUrn } : {}),
    attribute: definition.name,
    ...(path.valueFilter ? { valueFilter: path.valueFilter } : {}),
    ...(subDefinition ? { subAttribute: subDefinition.name } : {}),
  });
  return {
    attribute,
    ...(path.valueFilter ? { valueFilter: path.valueFilter } : {}),
    ...(subDefinition ? { subDefinition } : {}),
    canonical,
  };
}

/** Evaluates the filter once against an empty value so unknown sub-attributes fail now, as invalidPath. */
function checkValueFilter(filter: Filter, definition: AttributeDefinition, path: PatchPath): void {
  try {
    evaluateValueFilter(filter, {}, definition);
  } catch (error) {
    if (isScimError(error)) throw new InvalidPathError('SCIM-8bUG', `Path "${printPatchPath(path)}": ${error.detail}`);
    throw error;
  }
}
