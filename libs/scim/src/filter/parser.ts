import { InvalidFilterError } from '../errors/scim-errors';
import { AttributePath, COMPARISON_OPERATORS, ComparisonOperator, Filter, FilterLiteral } from './ast';
import { splitAttributePath } from './attribute-path-text';
import { Token, tokenize } from './lexer';
import { assertStorableText } from '../schemas/storable-text';

/** Deep enough for any real filter, shallow enough that hostile input cannot overflow the stack. */
const MAX_NESTING = 100;
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2) into a typed AST.
 *
 * Grammar, by precedence (lowest first), all keywords case-insensitive:
 * ```
 * filter    = or
 * or        = and *("or" and)
 * and       = unary *("and" unary)
 * unary     = "not" "(" filter ")" / "(" filter ")" / attrExp / valuePath
 * attrExp   = attrPath "pr" / attrPath compareOp compValue
 * valuePath = attrPath "[" filter "]"        ; no valuePath nested inside
 * ```
 * Every error is an InvalidFilterError (400 invalidFilter) whose detail names the position.
 */
export function parseFilter(input: string, options: FilterParseOptions = {}): Filter {
  if (typeof input !== 'string') throw new InvalidFilterError('SCIM-hedU', 'The filter must be a string');
  const unquoted = options.unquotedStrings === true;
  return new FilterParser(tokenize(input, { bareWords: unquoted }), unquoted).parseWhole();
}

export interface FilterParseOptions {
  /**
   * A comparison value written without quotes that is one token and not `true`, `false`, `null`
   * or a number (`userName eq Test_User_1`, `userName eq ada@example.com`) is read as a string.
   * Not RFC 7644 grammar: Microsoft's SCIM validator sends it, so only the Entra profile asks for it.
   */
  readonly unquotedStrings?: boolean;
}

class FilterParser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly unquotedStrings: boolean,
  ) {}

  parseWhole(): Filter {
    if (this.peek().type === 'end') throw this.error('SCIM-NZhj', 'Empty filter', this.peek());
    const filter = this.parseOr(false);
    const next = this.peek();
    if (next.type !== 'end') throw this.error('SCIM-pbjr', `Unexpected ${describe(next)}`, next);
    return filter;
  }

  private parseOr(insideValuePath: boolean): Filter {
    return this.parseChain('or', () => this.parseAnd(insideValuePath));
  }

  private parseAnd(insideValuePath: boolean): Filter {
    return this.parseChain('and', () => this.parseUnary(insideValuePath));
  }

  /** `operand (keyword operand)*`, grouped from the left: `a or b or c` is `(a or b) or c`. */
  private parseChain(keyword: 'or' | 'and', parseOperand: () => Filter): Filter {
    let left = parseOperand();
    while (this.isKeyword(this.peek(), keyword)) {
      this.index++;
      left = { kind: keyword, left, right: parseOperand() };
    }
    return left;
  }

  private parseUnary(insideValuePath: boolean): Filter {
    const token = this.peek();
    if (token.type === '(') {
      this.index++;
      const inner = this.nested(() => this.parseOr(insideValuePath));
      this.expect(')');
      return inner;
    }
    // `not` is a keyword only when a "(" follows, so an attribute named "not" still parses.
    if (this.isKeyword(token, 'not') && this.tokens[this.index + 1]?.type === '(') {
      this.index += 2;
      const inner = this.nested(() => this.parseOr(insideValuePath));
      this.expect(')');
      return { kind: 'not', filter: inner };
    }
    if (token.type !== 'word')
      throw this.error('SCIM-UDZn', `Expected an attribute path but found ${describe(token)}`, token);
    this.index++;
    const path = this.toAttributePath(token);
    return this.parseAfterPath(path, token, insideValuePath);
  }

  private parseAfterPath(path: AttributePath, pathToken: Token, insideValuePath: boolean): Filter {
    const next = this.peek();
    if (next.type === '[') {
      if (insideValuePath)
        throw this.error('SCIM-aLnq', 'A value path cannot be nested inside another value path', next);
      if (path.subAttribute !== undefined)
        throw this.error('SCIM-Usfn', 'A value path must name a top-level attribute', pathToken);
      this.index++;
      const inner = this.nested(() => this.parseOr(true));
      this.expect(']');
      return { kind: 'valuePath', path, filter: inner };
    }
    if (next.type !== 'word')
      throw this.error('SCIM-LeAQ', `Expected an operator after the attribute path but found ${describe(next)}`, next);
    const operator = next.text.toLowerCase();
    this.index++;
    if (operator === 'pr') return { kind: 'present', path };
    if (!(COMPARISON_OPERATORS as readonly string[]).includes(operator)) {
      throw this.error('SCIM-8PaP', `Unknown operator "${next.text}"`, next);
    }
    return { kind: 'comparison', path, operator: operator as ComparisonOperator, value: this.parseLiteral() };
  }

  private parseLiteral(): FilterLiteral {
    const token = this.peek();
    this.index++;
    if (token.type === 'string') return token.value;
    if (token.type === 'word') {
      const text = token.text.toLowerCase();
      if (text === 'true') return true;
      if (text === 'false') return false;
      if (text === 'null') return null;
      if (JSON_NUMBER.test(token.text)) return Number(token.text);
      if (this.unquotedStrings) {
        assertStorableText(token.text, `The filter value at position ${token.position}`);
        return token.text;
      }
    }
    throw this.error(
      'SCIM-tPu5',
      `Expected a value (string, number, true, false or null) but found ${describe(token)}`,
      token,
    );
  }

  private toAttributePath(token: Token & { type: 'word' }): AttributePath {
    const result = splitAttributePath(token.text);
    if (typeof result === 'string') throw this.error('SCIM-Et7p', result, token);
    return result;
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_NESTING) throw this.error('SCIM-kjmB', 'Filter is nested too deeply', this.peek());
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private expect(type: ')' | ']'): void {
    const token = this.peek();
    if (token.type !== type) throw this.error('SCIM-sVKy', `Expected "${type}" but found ${describe(token)}`, token);
    this.index++;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return token.type === 'word' && token.text.toLowerCase() === keyword;
  }

  private error(site: string, message: string, token: Token): InvalidFilterError {
    return new InvalidFilterError(site, `${message} at position ${token.position}`, token.position);
  }
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end of the filter';
    case 'word':
      return `"${token.text}"`;
    case 'string':
      return `string ${JSON.stringify(token.value)}`;
    default:
      return `"${token.type}"`;
  }
}
