import type { AttributeDefinition, ComparisonOperator, FilterLiteral } from '@lib/scim';
import { InvalidFilterError, toBoolean, toInstant, toNumber } from '@lib/scim';
import { sortPrefix } from '../schema/read-model-ddl';
import type { SqlType } from './attribute-sources';
import { escapeLike, type SqlParams } from './sql-params';

/** One candidate value in SQL: a typed column expression or a jsonb value from the resource. */
export interface SqlValue {
  sql: string;
  type: SqlType | 'jsonb';
  /** Stored scim_fold of `sql`, if any; otherwise caseExact=false comparisons fold at query time. */
  folded?: string;
  /** See ColumnSource: indexes on scim_key / the ordering prefix of the compared value. */
  keyIndexed?: boolean;
  prefixIndexed?: boolean;
}

/**
 * RFC 7644 `pr` as the evaluator defines it: a value that is not null, "" or an object/array of
 * such. For JSON: some scalar leaf that is a non-empty string, a number or a boolean.
 */
export function presentSql(value: SqlValue): string {
  switch (value.type) {
    case 'text':
      return `(${value.sql} IS NOT NULL AND ${value.sql} <> '')`;
    case 'jsonb':
      return (
        `jsonb_path_exists(${value.sql}, '$.** ? ((@.type() == "string" && @ != "") || @.type() == "number" || ` +
        `@.type() == "boolean")')`
      );
    default:
      return `(${value.sql} IS NOT NULL)`;
  }
}

const DATE_TIME_REGEX =
  `'^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}` + `(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$'`;
const NUMBER_REGEX = `'^\\s*-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?\\s*$'`;

/**
 * `value op literal` for one present value, with the comparison semantics of the evaluator
 * (libs/scim comparison.ts): scim_fold (= foldCase) on both sides unless caseExact, code point
 * order via the "C" collation, booleans, numbers and instants by type. May yield NULL for a value
 * of the wrong JSON type; callers wrap predicates so NULL counts as false.
 */
export function compareSql(
  value: SqlValue,
  definition: AttributeDefinition,
  operator: Exclude<ComparisonOperator, 'ne'>,
  literal: Exclude<FilterLiteral, null>,
  params: SqlParams,
): string {
  switch (definition.type) {
    case 'boolean': {
      const wanted = ofType('SCIM-MBPq', definition, 'boolean', literal, toBoolean(literal));
      return `${asBoolean(value)} = ${params.add(wanted)}::boolean`;
    }
    case 'integer':
    case 'decimal': {
      const wanted = ofType('SCIM-yZ4g', definition, 'numeric', literal, toNumber(literal));
      return `${asNumeric(value)} ${ordered(operator)} ${params.add(String(wanted))}::numeric`;
    }
    case 'dateTime': {
      const instant = ofType('SCIM-Vrsi', definition, 'a dateTime', literal, toInstant(literal));
      return `${asInstant(value)} ${ordered(operator)} ${params.add(new Date(instant).toISOString())}::timestamptz`;
    }
    case 'complex':
      throw new InvalidFilterError(
        'SCIM-yFMq',
        `Complex attribute ${definition.name} cannot be compared; name a sub-attribute`,
      );
    default: {
      if (typeof literal !== 'string')
        throw new InvalidFilterError('SCIM-MEvd', `Attribute ${definition.name} is a string; compare it with a string`);
      return compareText(value, definition.caseExact, operator, literal, params);
    }
  }
}

/** The literal as the attribute's type (`converted`), or a filter error: the attribute is `what`, the literal not. */
function ofType<T>(
  site: string,
  definition: AttributeDefinition,
  what: string,
  literal: FilterLiteral,
  converted: T | undefined,
): T {
  if (converted === undefined)
    throw new InvalidFilterError(site, `Attribute ${definition.name} is ${what}; ${JSON.stringify(literal)} is not`);
  return converted;
}

function compareText(
  value: SqlValue,
  caseExact: boolean,
  operator: Exclude<ComparisonOperator, 'ne'>,
  literal: string,
  params: SqlParams,
): string {
  const actual = caseExact ? asText(value) : (value.folded ?? `scim_fold(${asText(value)})`);
  const fold = (sql: string) => (caseExact ? sql : `scim_fold(${sql})`);
  switch (operator) {
    // foldCase never makes nor changes \, % or _, so the escaped literal folds to the escaped fold.
    case 'co':
      return `${actual} LIKE '%' || ${fold(params.add(escapeLike(literal)))} || '%'`;
    case 'sw':
      return `${actual} LIKE ${fold(params.add(escapeLike(literal)))} || '%'`;
    case 'ew':
      return `${actual} LIKE '%' || ${fold(params.add(escapeLike(literal)))}`;
    case 'eq': {
      const expected = fold(params.add(literal));
      // The index finds the hash; the full value decides (no btree holds an unbounded value).
      return value.keyIndexed
        ? `scim_key(${actual}) = scim_key(${expected}) AND ${actual} = ${expected}`
        : `${actual} = ${expected}`;
    }
    default: {
      const expected = fold(params.add(literal));
      const exact = `${actual} COLLATE "C" ${ordered(operator)} ${expected} COLLATE "C"`;
      if (!value.prefixIndexed) return exact;
      // Implied by the exact comparison (a prefix never orders after its value), and indexed.
      const bound = operator === 'gt' || operator === 'ge' ? '>=' : '<=';
      return `${sortPrefix(actual)} COLLATE "C" ${bound} ${sortPrefix(expected)} COLLATE "C" AND ${exact}`;
    }
  }
}

function ordered(operator: ComparisonOperator): string {
  switch (operator) {
    case 'eq':
      return '=';
    case 'gt':
      return '>';
    case 'ge':
      return '>=';
    case 'lt':
      return '<';
    case 'le':
      return '<=';
    default:
      throw new InvalidFilterError('SCIM-P84E', `Operator "${operator}" does not apply here`);
  }
}

function asText(value: SqlValue): string {
  return value.type === 'jsonb'
    ? `(CASE WHEN jsonb_typeof(${value.sql}) = 'string' THEN ${value.sql} #>> '{}' END)`
    : value.sql;
}

function asBoolean(value: SqlValue): string {
  if (value.type !== 'jsonb') return value.sql;
  const v = value.sql;
  return (
    `(CASE jsonb_typeof(${v}) WHEN 'boolean' THEN (${v})::text::boolean WHEN 'string' THEN CASE ` +
    `lower(btrim(${v} #>> '{}')) WHEN 'true' THEN true WHEN 'false' THEN false END END)`
  );
}

function asNumeric(value: SqlValue): string {
  if (value.type !== 'jsonb') return value.sql;
  const v = value.sql;
  return (
    `(CASE WHEN jsonb_typeof(${v}) = 'number' THEN (${v} #>> '{}')::numeric WHEN jsonb_typeof(${v}) = 'string' ` +
    `AND (${v} #>> '{}') ~ ${NUMBER_REGEX} THEN btrim(${v} #>> '{}')::numeric END)`
  );
}

function asInstant(value: SqlValue): string {
  if (value.type !== 'jsonb') return value.sql;
  const v = value.sql;
  return (
    `(CASE WHEN jsonb_typeof(${v}) = 'string' AND (${v} #>> '{}') ~ ${DATE_TIME_REGEX} THEN (${v} #>> ` +
    `'{}')::timestamptz END)`
  );
}
