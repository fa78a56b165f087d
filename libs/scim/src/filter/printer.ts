import { Filter, FilterLiteral } from './ast';
import { attributePathToString } from './attribute-path-text';

/**
 * Renders a filter AST as RFC 7644 §3.4.2.2 text that `parseFilter` turns back into the same AST.
 * Parentheses are added only where precedence or left-associativity requires them.
 */
export function printFilter(filter: Filter): string {
  switch (filter.kind) {
    case 'comparison':
      return `${attributePathToString(filter.path)} ${filter.operator} ${printLiteral(filter.value)}`;
    case 'present':
      return `${attributePathToString(filter.path)} pr`;
    case 'not':
      return `not (${printFilter(filter.filter)})`;
    case 'valuePath':
      return `${attributePathToString(filter.path)}[${printFilter(filter.filter)}]`;
    case 'and':
    case 'or': {
      const left = printOperand(filter.left, filter.kind, false);
      const right = printOperand(filter.right, filter.kind, true);
      return `${left} ${filter.kind} ${right}`;
    }
  }
}

const PRECEDENCE = { or: 1, and: 2 } as const;

function printOperand(operand: Filter, parent: 'and' | 'or', isRight: boolean): string {
  const text = printFilter(operand);
  if (operand.kind !== 'and' && operand.kind !== 'or') return text;
  const needsParentheses = isRight
    ? PRECEDENCE[operand.kind] <= PRECEDENCE[parent]
    : PRECEDENCE[operand.kind] < PRECEDENCE[parent];
  return needsParentheses ? `(${text})` : text;
}

export function printLiteral(value: FilterLiteral): string {
  if (typeof value === 'number' && Object.is(value, -0)) return '-0';
  return JSON.stringify(value);
}
