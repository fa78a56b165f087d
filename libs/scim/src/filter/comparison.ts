import { InvalidFilterError } from '../errors/scim-errors';
import { AttributeDefinition } from '../schemas/attribute-definition';
import { foldCase } from '../text/fold-case';
import { ComparisonOperator, FilterLiteral } from './ast';

/**
 * Comparison semantics of RFC 7644 §3.4.2.2 for one attribute value, by schema type.
 * Shared by the evaluator and `resolveFilter`, so the SQL translator can rely on
 * `resolveFilter` rejecting exactly what the evaluator rejects.
 *
 * - string, reference, binary: folded with foldCase (NFC + Unicode simple case folding) unless
 *   `caseExact`; gt/ge/lt/le compare code points (what PostgreSQL's "C" collation does with UTF-8).
 *   binary refuses gt/ge/lt/le (RFC: "Boolean and Binary attributes SHALL cause a failed response").
 * - boolean: eq and ne only; the strings "true"/"false" (any case) are accepted as literals.
 * - integer, decimal: numeric; co/sw/ew refused; numeric strings accepted as literals.
 * - dateTime: compared as instants; co/sw/ew refused; the literal must be a date string.
 * - `null` literal: only eq (attribute absent) and ne (attribute present).
 */
export function checkComparison(
  definition: AttributeDefinition,
  operator: ComparisonOperator,
  literal: FilterLiteral,
): void {
  const name = definition.name;
  if (literal === null) {
    if (operator !== 'eq' && operator !== 'ne')
      throw new InvalidFilterError('SCIM-HiAK', `"${operator} null" is not supported on ${name}`);
    return;
  }
  if (definition.type === 'complex')
    throw new InvalidFilterError('SCIM-NVaZ', `Complex attribute ${name} cannot be compared; name a sub-attribute`);
  const rule = COMPARABLE[definition.type];
  if (rule.refuses.includes(operator))
    throw new InvalidFilterError(
      'SCIM-tHyE',
      `Operator "${operator}" is not supported on ${rule.noun} attribute ${name}`,
    );
  if (!rule.takes(literal))
    throw new InvalidFilterError('SCIM-dKDb', `Attribute ${name} ${rule.wrongLiteral(literal)}`);
}

/** How a type compares: the operators it refuses, the literals it takes, and why it refuses one. */
interface ComparableType {
  noun: string;
  refuses: readonly ComparisonOperator[];
  takes: (literal: Exclude<FilterLiteral, null>) => boolean;
  wrongLiteral: (literal: Exclude<FilterLiteral, null>) => string;
}

const SUBSTRING: readonly ComparisonOperator[] = ['co', 'sw', 'ew'];
const ORDERING: readonly ComparisonOperator[] = ['gt', 'ge', 'lt', 'le'];
const isString = (literal: unknown) => typeof literal === 'string';
const numeric: ComparableType = {
  noun: 'numeric',
  refuses: SUBSTRING,
  takes: (literal) => toNumber(literal) !== undefined,
  wrongLiteral: (literal) => `is numeric; ${JSON.stringify(literal)} is not`,
};
const text: ComparableType = {
  noun: 'string',
  refuses: [],
  takes: isString,
  wrongLiteral: () => 'is a string; compare it with a string',
};

const COMPARABLE: Record<Exclude<AttributeDefinition['type'], 'complex'>, ComparableType> = {
  boolean: {
    noun: 'boolean',
    refuses: [...SUBSTRING, ...ORDERING],
    takes: (literal) => toBoolean(literal) !== undefined,
    wrongLiteral: (literal) => `is boolean; ${JSON.stringify(literal)} is not`,
  },
  integer: numeric,
  decimal: numeric,
  dateTime: {
    noun: 'dateTime',
    refuses: SUBSTRING,
    takes: (literal) => toInstant(literal) !== undefined,
    wrongLiteral: (literal) => `is a dateTime; ${JSON.stringify(literal)} is not`,
  },
  binary: {
    noun: 'binary',
    refuses: ORDERING,
    takes: isString,
    wrongLiteral: () => 'is binary; compare it with a string',
  },
  string: text,
  reference: text,
};

/** True when `value` (one stored value) satisfies `operator literal`. Call checkComparison first. */
export function compareValue(
  definition: AttributeDefinition,
  value: unknown,
  operator: ComparisonOperator,
  literal: Exclude<FilterLiteral, null>,
): boolean {
  switch (definition.type) {
    case 'boolean': {
      const actual = toBoolean(value);
      return actual !== undefined && actual === toBoolean(literal);
    }
    case 'integer':
    case 'decimal':
      return compareOrdered(toNumber(value), toNumber(literal), operator);
    case 'dateTime':
      return compareOrdered(toInstant(value), toInstant(literal), operator);
    default: {
      if (typeof value !== 'string' || typeof literal !== 'string') return false;
      const fold = (text: string) => (definition.caseExact ? text : foldCase(text));
      const actual = fold(value);
      const expected = fold(literal);
      switch (operator) {
        case 'co':
          return actual.includes(expected);
        case 'sw':
          return actual.startsWith(expected);
        case 'ew':
          return actual.endsWith(expected);
        default:
          return compareOrdered(compareCodePoints(actual, expected), 0, operator);
      }
    }
  }
}

function compareOrdered<T extends number | string>(
  actual: T | undefined,
  expected: T | undefined,
  operator: ComparisonOperator,
): boolean {
  if (actual === undefined || expected === undefined) return false;
  switch (operator) {
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    case 'gt':
      return actual > expected;
    case 'ge':
      return actual >= expected;
    case 'lt':
      return actual < expected;
    case 'le':
      return actual <= expected;
    default:
      return false;
  }
}

/**
 * Orders strings by code point, not by UTF-16 code unit (JavaScript's `<`): they differ when one
 * side has a character above U+FFFF and the other one in U+E000..U+FFFF at the same place.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** A code unit's place in code point order: surrogates (U+10000 and up) after U+E000..U+FFFF. */
function codePointRank(codeUnit: number): number {
  return codeUnit >= 0xd800 && codeUnit <= 0xdfff
    ? codeUnit + 0x2000
    : codeUnit >= 0xe000
      ? codeUnit - 0x800
      : codeUnit;
}

export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
  }
  return undefined;
}

export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** xsd:dateTime (RFC 7643 §2.3.5), e.g. 2008-01-23T04:56:22Z; offsets allowed; compared as epoch milliseconds. */
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

export function toInstant(value: unknown): number | undefined {
  if (typeof value !== 'string' || !DATE_TIME.test(value)) return undefined;
  // A dateTime without an offset is read as UTC so that results never depend on the server's time zone.
  const milliseconds = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(milliseconds) ? undefined : milliseconds;
}

export function isDateTimeString(value: unknown): boolean {
  return toInstant(value) !== undefined;
}
