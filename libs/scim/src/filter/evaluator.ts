import { InvalidFilterError } from '../errors/scim-errors';
import { AttributeDefinition } from '../schemas/attribute-definition';
import { ResourceSchema } from '../schemas/resource-schema';
import { findAttributeDefinition, resolveAttribute } from '../schemas/resolve-attribute';
import {
  getCaseInsensitive,
  getTopLevelValue,
  isEmptyValue,
  isPlainObject,
  ScimResource,
} from '../schemas/resource-values';
import { AttributePath, ComparisonFilter, Filter, PresentFilter } from './ast';
import { attributePathToString } from './attribute-path-text';
import { checkComparison, compareValue } from './comparison';

/**
 * Evaluates a filter against one resource in memory (RFC 7644 §3.4.2.2). It serves the PATCH
 * engine's value filters and is the reference ("oracle") the SQL translation is tested against.
 *
 * Semantics:
 * - attribute names resolve case-insensitively; string comparisons honour the schema's `caseExact`;
 *   dateTime compares as instants, integer/decimal numerically, boolean as booleans (see comparison.ts);
 * - a multi-valued attribute matches when ANY of its values matches (`emails.value co "x"`);
 * - a complex attribute named without a sub-attribute compares its `value` sub-attribute
 *   (`emails co "example.com"`, RFC 7644 §3.4.2.2 examples);
 * - `ne` and `not` are the logical negation of `eq` and of the inner filter, so an absent
 *   attribute matches `title ne "x"`; `eq null` matches an absent attribute;
 * - unknown attributes and unsupported operator/type combinations throw 400 invalidFilter,
 *   whatever the data, so every evaluation of a given filter fails or none does.
 */
export function evaluateFilter(filter: Filter, resource: ScimResource, resourceSchema: ResourceSchema): boolean {
  return evaluate(filter, { kind: 'resource', resource, resourceSchema });
}

/**
 * Evaluates the inner filter of a value path against one value of a complex attribute,
 * e.g. `type eq "work"` against one element of `emails`. Used by the PATCH engine.
 */
export function evaluateValueFilter(filter: Filter, element: unknown, complexAttribute: AttributeDefinition): boolean {
  return evaluate(filter, { kind: 'element', element, complexAttribute });
}

type Scope =
  | { readonly kind: 'resource'; readonly resource: ScimResource; readonly resourceSchema: ResourceSchema }
  | { readonly kind: 'element'; readonly element: unknown; readonly complexAttribute: AttributeDefinition };

/** The values a path designates (flattened over multi-valued attributes) and the leaf definition. */
interface Selection {
  readonly values: unknown[];
  readonly definition: AttributeDefinition;
}

function evaluate(filter: Filter, scope: Scope): boolean {
  switch (filter.kind) {
    case 'and':
      // Evaluate both sides so that an invalid right-hand side fails regardless of the data.
      return [evaluate(filter.left, scope), evaluate(filter.right, scope)].every(Boolean);
    case 'or':
      return [evaluate(filter.left, scope), evaluate(filter.right, scope)].some(Boolean);
    case 'not':
      return !evaluate(filter.filter, scope);
    case 'present':
      return evaluatePresent(filter, scope);
    case 'comparison':
      return evaluateComparison(filter, scope);
    case 'valuePath':
      return evaluateValuePath(filter.path, filter.filter, scope);
  }
}

function evaluatePresent(filter: PresentFilter, scope: Scope): boolean {
  return select(filter.path, scope).values.some((value) => !isEmptyValue(value));
}

function evaluateComparison(filter: ComparisonFilter, scope: Scope): boolean {
  let { values, definition } = select(filter.path, scope);
  if (definition.type === 'complex') {
    const valueDefinition = findAttributeDefinition(definition.subAttributes, 'value');
    // `eq null` / `ne null` on a complex attribute without a value: absence / presence, like `pr`
    // (and like the SQL translation).
    if (!valueDefinition && filter.value === null) {
      checkComparison(definition, filter.operator, null);
      const present = values.some((value) => !isEmptyValue(value));
      return filter.operator === 'eq' ? !present : present;
    }
    if (!valueDefinition)
      throw new InvalidFilterError(
        'SCIM-r78f',
        `Complex attribute ${definition.name} cannot be compared; name a sub-attribute`,
      );
    values = values.map((value) => getCaseInsensitive(value, 'value'));
    definition = valueDefinition;
  }
  checkComparison(definition, filter.operator, filter.value);
  const present = values.filter((value) => !isEmptyValue(value));
  if (filter.value === null) return filter.operator === 'eq' ? present.length === 0 : present.length > 0;
  const literal = filter.value;
  if (filter.operator === 'ne') return !present.some((value) => compareValue(definition, value, 'eq', literal));
  return present.some((value) => compareValue(definition, value, filter.operator, literal));
}

function evaluateValuePath(path: AttributePath, inner: Filter, scope: Scope): boolean {
  if (scope.kind !== 'resource')
    throw new InvalidFilterError('SCIM-trHk', 'A value path cannot be nested inside another value path');
  const { values, definition } = select(path, scope);
  if (definition.type !== 'complex')
    throw new InvalidFilterError('SCIM-ZKBs', `Value path needs a complex attribute; ${definition.name} is not`);
  // Evaluate against a placeholder too so an invalid inner filter fails even when the attribute is empty.
  const results = [
    evaluateValueFilter(inner, {}, definition),
    ...values.map((element) => evaluateValueFilter(inner, element, definition)),
  ];
  return results.slice(1).some(Boolean);
}

function select(path: AttributePath, scope: Scope): Selection {
  if (scope.kind === 'element') {
    if (path.schema !== undefined || path.subAttribute !== undefined) {
      throw new InvalidFilterError(
        'SCIM-FD5b',
        `"${attributePathToString(path)}" is not a sub-attribute of ${scope.complexAttribute.name}`,
      );
    }
    const definition = findAttributeDefinition(scope.complexAttribute.subAttributes, path.attribute);
    if (!definition)
      throw new InvalidFilterError(
        'SCIM-igmD',
        `Unknown sub-attribute "${path.attribute}" of ${scope.complexAttribute.name}`,
      );
    return { values: flatten(getCaseInsensitive(scope.element, definition.name)), definition };
  }
  const resolved = resolveAttribute(scope.resourceSchema, path);
  if (!resolved) throw new InvalidFilterError('SCIM-5btR', `Unknown attribute "${attributePathToString(path)}"`);
  const topValues = flatten(getTopLevelValue(scope.resource, resolved));
  if (!resolved.subDefinition) return { values: topValues, definition: resolved.definition };
  const subName = resolved.subDefinition.name;
  const values = topValues.filter(isPlainObject).flatMap((element) => flatten(getCaseInsensitive(element, subName)));
  return { values, definition: resolved.subDefinition };
}

function flatten(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
