/**
 * Typed AST of a SCIM filter, RFC 7644 §3.4.2.2.
 *
 * The parser produces it, the printer renders it back, the in-memory evaluator runs it and
 * the SQL translator compiles it. Nodes carry no source positions so that two filters that
 * mean the same thing (`print(parse(f))` and `f`) produce structurally equal trees.
 *
 * Attribute names are kept as written; `resolveFilter` maps them to canonical schema names.
 */

/** Comparison operators of RFC 7644 §3.4.2.2, table 3 (`pr` is a separate node). */
export type ComparisonOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = [
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'gt',
  'ge',
  'lt',
  'le',
];

/**
 * `compValue` of the ABNF: false / null / true / number / string.
 * Dates are strings; whether a string is a dateTime is decided by the attribute's schema type.
 */
export type FilterLiteral = string | number | boolean | null;

/**
 * `attrPath = [URI ":"] ATTRNAME *1subAttr`.
 * `schema` is the URN prefix when the path was qualified, e.g.
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User` for `…:User:manager.value`.
 */
export interface AttributePath {
  readonly schema?: string;
  readonly attribute: string;
  readonly subAttribute?: string;
}

/** `attrPath SP compareOp SP compValue` */
export interface ComparisonFilter {
  readonly kind: 'comparison';
  readonly path: AttributePath;
  readonly operator: ComparisonOperator;
  readonly value: FilterLiteral;
}

/** `attrPath SP "pr"` */
export interface PresentFilter {
  readonly kind: 'present';
  readonly path: AttributePath;
}

/** `filter SP "and" SP filter`; `and` binds tighter than `or`; both are left-associative. */
export interface AndFilter {
  readonly kind: 'and';
  readonly left: Filter;
  readonly right: Filter;
}

/** `filter SP "or" SP filter` */
export interface OrFilter {
  readonly kind: 'or';
  readonly left: Filter;
  readonly right: Filter;
}

/** `"not" "(" filter ")"` */
export interface NotFilter {
  readonly kind: 'not';
  readonly filter: Filter;
}

/**
 * `valuePath = attrPath "[" valFilter "]"`, e.g. `emails[type eq "work" and value co "@x.com"]`.
 * Paths inside `filter` are relative to one value of the (complex, usually multi-valued)
 * attribute `path`; they have no schema and no sub-attribute of their own.
 */
export interface ValuePathFilter {
  readonly kind: 'valuePath';
  readonly path: AttributePath;
  readonly filter: Filter;
}

export type Filter = ComparisonFilter | PresentFilter | AndFilter | OrFilter | NotFilter | ValuePathFilter;
