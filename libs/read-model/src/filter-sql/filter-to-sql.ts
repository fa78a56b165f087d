import type { AttributeDefinition, AttributePath, Filter, ResourceSchema } from '@lib/scim';
import { findAttributeDefinition, InvalidFilterError, resolveAttribute, resolveFilter } from '@lib/scim';
import { pathKey, type ChildSource, type ResourceSources } from './attribute-sources';
import { sqlLiteral, type SqlParams } from './sql-params';
import { compareSql, presentSql, type SqlValue } from './value-predicates';

/**
 * SCIM filter (RFC 7644 §3.4.2.2) -> a SQL boolean over the main row `r`, parameterised.
 * Semantics are those of the in-memory evaluator (libs/scim evaluator.ts), which the
 * differential test holds this translation to:
 * - a path designates a SET of values (multi-valued attributes, child rows, JSON arrays);
 *   `op` matches when ANY present value matches; `ne` is NOT(any eq); `eq null` is "no present value";
 * - every predicate is two-valued (NULL folded to false), so `not` is exact negation;
 * - indexed attributes compare their column (`lower(user_name) = lower($1)` uses the index),
 *   child tables become EXISTS, everything else reads the resource JSON.
 */
export interface FilterSqlContext {
  readonly sources: ResourceSources;
  readonly resourceSchema: ResourceSchema;
  readonly params: SqlParams;
}

export function filterToSql(filter: Filter, context: FilterSqlContext): string {
  const resolved = resolveFilter(filter, context.resourceSchema);
  return new Translator(context).filter(resolved, { kind: 'resource' });
}

/** Where paths are resolved: the resource, or one element of a value path's attribute. */
type Scope =
  | { kind: 'resource' }
  | { kind: 'childElement'; parent: AttributeDefinition; child: ChildSource }
  | { kind: 'jsonElement'; parent: AttributeDefinition; element: string };

/** The values a path designates: a scalar (no FROM) or rows of a FROM clause. */
interface Selection {
  from?: string;
  where?: string;
  value: SqlValue;
  definition: AttributeDefinition;
  /** A complex child attribute without sub-attribute: present when any mapped column is. */
  anyOf?: SqlValue[];
}

class Translator {
  private aliasCounter = 0;

  constructor(private readonly context: FilterSqlContext) {}

  filter(filter: Filter, scope: Scope): string {
    switch (filter.kind) {
      case 'and':
        return `(${this.filter(filter.left, scope)} AND ${this.filter(filter.right, scope)})`;
      case 'or':
        return `(${this.filter(filter.left, scope)} OR ${this.filter(filter.right, scope)})`;
      case 'not':
        return `(NOT ${this.filter(filter.filter, scope)})`;
      case 'present': {
        const selection = this.select(filter.path, scope);
        return this.exists(selection, this.present(selection));
      }
      case 'comparison': {
        const selection = this.select(filter.path, scope);
        const present = this.present(selection);
        if (filter.value === null) {
          const any = this.exists(selection, present);
          return filter.operator === 'eq' ? `(NOT ${any})` : any;
        }
        if (filter.operator === 'ne') {
          const equal = compareSql(selection.value, selection.definition, 'eq', filter.value, this.context.params);
          return `(NOT ${this.exists(selection, `${present} AND ${equal}`)})`;
        }
        const matches = compareSql(
          selection.value,
          selection.definition,
          filter.operator,
          filter.value,
          this.context.params,
        );
        return this.exists(selection, `${present} AND ${matches}`);
      }
      case 'valuePath':
        return this.valuePath(filter.path, filter.filter);
    }
  }

  private valuePath(path: AttributePath, inner: Filter): string {
    const resolved = resolveAttribute(this.context.resourceSchema, path);
    if (!resolved || resolved.subDefinition || resolved.definition.type !== 'complex') {
      throw new InvalidFilterError('SCIM-ViRw', 'Value path needs a complex attribute');
    }
    const child = path.schema === undefined ? this.context.sources.children[pathKey(path)] : undefined;
    if (child) {
      const condition = this.filter(inner, { kind: 'childElement', parent: resolved.definition, child });
      return `EXISTS (SELECT 1 FROM ${child.from} WHERE ${child.link} AND ${condition})`;
    }
    const alias = this.alias('e');
    const condition = this.filter(inner, { kind: 'jsonElement', parent: resolved.definition, element: `${alias}.el` });
    return (
      `EXISTS (SELECT 1 FROM ` +
      `jsonb_array_elements(${flat(jsonAt(path, resolved.inExtension ? resolved.schemaUrn : undefined))}) AS ` +
      `${alias}(el) WHERE ${condition})`
    );
  }

  private select(path: AttributePath, scope: Scope): Selection {
    if (scope.kind !== 'resource') {
      const definition = findAttributeDefinition(scope.parent.subAttributes, path.attribute);
      if (!definition)
        throw new InvalidFilterError('SCIM-rLYL', `Unknown sub-attribute "${path.attribute}" of ${scope.parent.name}`);
      if (scope.kind === 'childElement') {
        const column = scope.child.subAttributes[definition.name.toLowerCase()];
        return { value: column ?? { sql: 'NULL::text', type: 'text' }, definition };
      }
      const alias = this.alias('x');
      return {
        from: `jsonb_array_elements(${flat(`(${scope.element} -> ${sqlLiteral(definition.name)})`)}) AS ${alias}(v)`,
        value: { sql: `${alias}.v`, type: 'jsonb' },
        definition,
      };
    }
    const resolved = resolveAttribute(this.context.resourceSchema, path);
    if (!resolved) throw new InvalidFilterError('SCIM-7ctn', `Unknown attribute "${path.attribute}"`);
    const definition = resolved.subDefinition ?? resolved.definition;
    if (!resolved.inExtension) {
      const column = this.context.sources.columns[pathKey(resolved.canonical)];
      if (column) return { value: column, definition };
      const child = this.context.sources.children[resolved.definition.name.toLowerCase()];
      if (child) {
        const base = { from: child.from, where: child.link, definition };
        if (!resolved.subDefinition)
          return { ...base, value: { sql: 'NULL::text', type: 'text' }, anyOf: Object.values(child.subAttributes) };
        const sub = child.subAttributes[resolved.subDefinition.name.toLowerCase()];
        return { ...base, value: sub ?? { sql: 'NULL::text', type: 'text' } };
      }
    }
    const top = flat(
      jsonAt({ attribute: resolved.definition.name }, resolved.inExtension ? resolved.schemaUrn : undefined),
    );
    const outer = this.alias('e');
    if (!resolved.subDefinition) {
      return {
        from: `jsonb_array_elements(${top}) AS ${outer}(v)`,
        value: { sql: `${outer}.v`, type: 'jsonb' },
        definition,
      };
    }
    const inner = this.alias('x');
    const sub =
      `(CASE WHEN jsonb_typeof(${outer}.el) = 'object' THEN ${outer}.el -> ` +
      `${sqlLiteral(resolved.subDefinition.name)} END)`;
    return {
      from:
        `jsonb_array_elements(${top}) AS ${outer}(el) CROSS JOIN LATERAL jsonb_array_elements(${flat(sub)}) AS ` +
        `${inner}(v)`,
      value: { sql: `${inner}.v`, type: 'jsonb' },
      definition,
    };
  }

  private present(selection: Selection): string {
    if (selection.anyOf) return `(${selection.anyOf.map(presentSql).join(' OR ')})`;
    return presentSql(selection.value);
  }

  /**
   * "Some value of the selection satisfies `predicate`", never NULL. A scalar column needs no
   * COALESCE (which would hide the predicate from the index): predicates start with the presence
   * test, so a NULL column makes them false, and a present column makes every comparison non-NULL.
   */
  private exists(selection: Selection, predicate: string): string {
    if (!selection.from) return `(${predicate})`;
    const where = selection.where ? `${selection.where} AND ` : '';
    // Inside EXISTS a NULL condition already counts as "no row"; no COALESCE, so indexes stay usable.
    return `EXISTS (SELECT 1 FROM ${selection.from} WHERE ${where}${predicate})`;
  }

  private alias(prefix: string): string {
    return `${prefix}${++this.aliasCounter}`;
  }
}

/** The resource JSON at a top-level attribute (under its extension URN when it has one). */
function jsonAt(path: AttributePath, extensionUrn: string | undefined): string {
  const keys = [...(extensionUrn ? [extensionUrn] : []), path.attribute].map(sqlLiteral);
  return `(r.resource -> ${keys.join(' -> ')})`;
}

/**
 * A JSON value as an array of its values, like the evaluator's flatten: absent/null -> [], arrays as they are, a scalar
 * or object wrapped.
 */
function flat(json: string): string {
  return (
    `(CASE COALESCE(jsonb_typeof(${json}), 'null') WHEN 'array' THEN ${json} WHEN 'null' THEN '[]'::jsonb ELSE ` +
    `jsonb_build_array(${json}) END)`
  );
}
