import { InvalidFilterError } from '../errors/scim-errors';
import { AttributeDefinition } from '../schemas/attribute-definition';
import { ResourceSchema } from '../schemas/resource-schema';
import { findAttributeDefinition, resolveAttribute } from '../schemas/resolve-attribute';
import { AttributePath, Filter } from './ast';
import { attributePathToString } from './attribute-path-text';
import { checkComparison } from './comparison';

/**
 * Checks a parsed filter against a resource schema and returns it with canonical attribute
 * names (`USERNAME` → `userName`; extension attributes carry their schema URN; core URN prefixes
 * are dropped). Throws 400 invalidFilter for unknown attributes and for operator/value
 * combinations the attribute's type does not support — exactly what `evaluateFilter` rejects.
 * A complex attribute compared without sub-attribute becomes its `value` sub-attribute.
 * The SQL translator should translate the resolved filter, never the raw one.
 */
export function resolveFilter(filter: Filter, resourceSchema: ResourceSchema): Filter {
  return resolve(filter, resourceSchema, undefined);
}

function resolve(filter: Filter, resourceSchema: ResourceSchema, parent: AttributeDefinition | undefined): Filter {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return {
        kind: filter.kind,
        left: resolve(filter.left, resourceSchema, parent),
        right: resolve(filter.right, resourceSchema, parent),
      };
    case 'not':
      return { kind: 'not', filter: resolve(filter.filter, resourceSchema, parent) };
    case 'present': {
      const { path } = resolvePath(filter.path, resourceSchema, parent);
      return { kind: 'present', path };
    }
    case 'comparison': {
      let { path, definition } = resolvePath(filter.path, resourceSchema, parent);
      if (definition.type === 'complex') {
        // RFC 7644 §3.4.2.2 example `emails co "example.com"`: a complex attribute compares its `value`.
        const valueDefinition = findAttributeDefinition(definition.subAttributes, 'value');
        if (valueDefinition) {
          path = { ...path, subAttribute: valueDefinition.name };
          definition = valueDefinition;
        }
      }
      checkComparison(definition, filter.operator, filter.value);
      return { kind: 'comparison', path, operator: filter.operator, value: filter.value };
    }
    case 'valuePath': {
      if (parent) throw new InvalidFilterError('SCIM-ecf6', 'A value path cannot be nested inside another value path');
      const { path, definition } = resolvePath(filter.path, resourceSchema, undefined);
      if (definition.type !== 'complex')
        throw new InvalidFilterError('SCIM-AWHv', `Value path needs a complex attribute; ${definition.name} is not`);
      return { kind: 'valuePath', path, filter: resolve(filter.filter, resourceSchema, definition) };
    }
  }
}

function resolvePath(
  path: AttributePath,
  resourceSchema: ResourceSchema,
  parent: AttributeDefinition | undefined,
): { path: AttributePath; definition: AttributeDefinition } {
  if (parent) {
    const definition =
      path.schema === undefined && path.subAttribute === undefined
        ? findAttributeDefinition(parent.subAttributes, path.attribute)
        : undefined;
    if (!definition)
      throw new InvalidFilterError(
        'SCIM-zxtj',
        `Unknown sub-attribute "${attributePathToString(path)}" of ${parent.name}`,
      );
    return { path: { attribute: definition.name }, definition };
  }
  const resolved = resolveAttribute(resourceSchema, path);
  if (!resolved) throw new InvalidFilterError('SCIM-hQdc', `Unknown attribute "${attributePathToString(path)}"`);
  return { path: resolved.canonical, definition: resolved.subDefinition ?? resolved.definition };
}
