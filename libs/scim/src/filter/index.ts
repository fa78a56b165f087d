export type {
  AndFilter,
  AttributePath,
  ComparisonFilter,
  ComparisonOperator,
  Filter,
  FilterLiteral,
  NotFilter,
  OrFilter,
  PresentFilter,
  ValuePathFilter,
} from './ast';
export { COMPARISON_OPERATORS } from './ast';
export { attributePathToString, splitAttributePath } from './attribute-path-text';
export { checkComparison, compareCodePoints, compareValue, toBoolean, toInstant, toNumber } from './comparison';
export { evaluateFilter, evaluateValueFilter } from './evaluator';
export type { FilterParseOptions } from './parser';
export { parseFilter } from './parser';
export { printFilter, printLiteral } from './printer';
export { resolveFilter } from './resolve-filter';
