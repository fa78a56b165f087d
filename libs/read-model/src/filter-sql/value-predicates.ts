import type { AttributeDefinition, ComparisonOperator, FilterLiteral } from '@lib/scim';
import { InvalidFilterError, toBoolean, toInstant, toNumber } from '@lib/scim';
import type { SqlType } from './attribute-sources';
import { escapeLike, type SqlParams } from './sql-params';

/** One candidate value in SQL: a typed column expression or a jsonb value from the resource. */
export interface SqlValue {
  sql: string;
  type: SqlType | 'jsonb';
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
      return `jsonb_path_exists(${value.sql}, '$.** ? ((@.type() == "string" && @ != "") || @.type() == "number" || @.type() == "boolean")')`;
    default:
      return `(${value.sql} IS NOT NULL)`;
  }
}

const DATE_TIME_REGEX = `'^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$'`;
const NUMBER_REGEX = `'^\\s*-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?\\s*$'`;

/**
 * `value op literal` for one present value, with the comparison semantics of the evaluator
 * (libs/scim comparison.ts): case folding unless caseExact, UTF-16-ish ordering via the "C"
 * collation, booleans, numbers and instants by type. May yield NULL for a value of the wrong
 * JSON type; callers wrap predicates so NULL counts as false.
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
      const wanted = toBoolean(literal);
      if (wanted === undefined) throw new InvalidFilterError(`Attribute ${definition.name} is boolean; ${JSON.stringify(literal)} is not`);
      return `${asBoolean(value)} = ${params.add(wanted)}::boolean`;
    }
    case 'integer':
    case 'decimal': {
      const wanted = toNumber(literal);
      if (wanted === undefined) throw new InvalidFilterError(`Attribute ${definition.name} is numeric; ${JSON.stringify(literal)} is not`);
      return `${asNumeric(value)} ${ordered(operator)} ${params.add(String(wanted))}::numeric`;
    }
    case 'dateTime': {
      const instant = toInstant(literal);
      if (instant === undefined) throw new InvalidFilterError(`Attribute ${definition.name} is a dateTime; ${JSON.stringify(literal)} is not`);
      return `${asInstant(value)} ${ordered(operator)} ${params.add(new Date(instant).toISOString())}::timestamptz`;
    }
    case 'complex':
      throw new InvalidFilterError(`Complex attribute ${definition.name} cannot be compared; name a sub-attribute`);
    default: {
      if (typeof literal !== 'string') throw new InvalidFilterError(`Attribute ${definition.name} is a string; compare it with a string`);
      const fold = (sql: string) => (definition.caseExact ? sql : `lower(${sql})`);
      const actual = fold(asText(value));
      switch (operator) {
        case 'co':
          return `${actual} LIKE '%' || ${fold(params.add(escapeLike(literal)))} || '%'`;
        case 'sw':
          return `${actual} LIKE ${fold(params.add(escapeLike(literal)))} || '%'`;
        case 'ew':
          return `${actual} LIKE '%' || ${fold(params.add(escapeLike(literal)))}`;
        case 'eq':
          return `${actual} = ${fold(params.add(literal))}`;
        default:
          return `${actual} COLLATE "C" ${ordered(operator)} ${fold(params.add(literal))} COLLATE "C"`;
      }
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
      throw new InvalidFilterError(`Operator "${operator}" does not apply here`);
  }
}

function asText(value: SqlValue): string {
  return value.type === 'jsonb' ? `(CASE WHEN jsonb_typeof(${value.sql}) = 'string' THEN ${value.sql} #>> '{}' END)` : value.sql;
}

function asBoolean(value: SqlValue): string {
  if (value.type !== 'jsonb') return value.sql;
  const v = value.sql;
  return `(CASE jsonb_typeof(${v}) WHEN 'boolean' THEN (${v})::text::boolean WHEN 'string' THEN CASE lower(btrim(${v} #>> '{}')) WHEN 'true' THEN true WHEN 'false' THEN false END END)`;
}

function asNumeric(value: SqlValue): string {
  if (value.type !== 'jsonb') return value.sql;
  const v = value.sql;
  return `(CASE WHEN jsonb_typeof(${v}) = 'number' THEN (${v} #>> '{}')::numeric WHEN jsonb_typeof(${v}) = 'string' AND (${v} #>> '{}') ~ ${NUMBER_REGEX} THEN btrim(${v} #>> '{}')::numeric END)`;
}

function asInstant(value: SqlValue): string {
  if (value.type !== 'jsonb') return value.sql;
  const v = value.sql;
  return `(CASE WHEN jsonb_typeof(${v}) = 'string' AND (${v} #>> '{}') ~ ${DATE_TIME_REGEX} THEN (${v} #>> '{}')::timestamptz END)`;
}
