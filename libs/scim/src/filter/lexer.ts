import { InvalidFilterError } from '../errors/scim-errors';
import { assertStorableText } from '../schemas/storable-text';

/**
 * Tokens of the RFC 7644 §3.4.2.2 filter grammar. A `word` is anything made of name characters:
 * an attribute path, an operator, `and`/`or`/`not`, `true`/`false`/`null` or a number; the parser
 * decides which from its position, which is what lets an attribute be called e.g. `notes`.
 */
export type Token =
  | { readonly type: '(' | ')' | '[' | ']' | 'end'; readonly position: number }
  | { readonly type: 'word'; readonly text: string; readonly position: number }
  | { readonly type: 'string'; readonly value: string; readonly position: number };

const WORD_CHARACTER = /[A-Za-z0-9_\-:.$+]/;
/** With bare words: anything but whitespace, brackets, parentheses and quotes (`test@contoso.com`). */
const BARE_WORD_CHARACTER = /[^\s()[\]"]/;
const WHITESPACE = /\s/;

export interface TokenizeOptions {
  /** Words may hold any character a single unquoted value can (see FilterParseOptions.unquotedStrings). */
  readonly bareWords?: boolean;
}

export function tokenize(input: string, options: TokenizeOptions = {}): Token[] {
  const wordCharacter = options.bareWords ? BARE_WORD_CHARACTER : WORD_CHARACTER;
  const tokens: Token[] = [];
  let index = 0;
  while (index < input.length) {
    const character = input[index];
    if (WHITESPACE.test(character)) {
      index++;
    } else if (character === '(' || character === ')' || character === '[' || character === ']') {
      tokens.push({ type: character, position: index });
      index++;
    } else if (character === '"') {
      const end = findStringEnd(input, index);
      tokens.push({ type: 'string', value: decodeJsonString(input.slice(index, end + 1), index), position: index });
      index = end + 1;
    } else if (wordCharacter.test(character)) {
      const start = index;
      while (index < input.length && wordCharacter.test(input[index])) index++;
      tokens.push({ type: 'word', text: input.slice(start, index), position: start });
    } else {
      throw new InvalidFilterError('SCIM-4HQx', `Unexpected character '${character}' at position ${index}`, index);
    }
  }
  tokens.push({ type: 'end', position: input.length });
  return tokens;
}

/** Index of the closing quote of the JSON string starting at `start`; a backslash escapes the next character. */
function findStringEnd(input: string, start: number): number {
  let index = start + 1;
  while (index < input.length) {
    if (input[index] === '\\') index += 2;
    else if (input[index] === '"') return index;
    else index++;
  }
  throw new InvalidFilterError('SCIM-rvm3', `Unterminated string starting at position ${start}`, start);
}

/**
 * String values are JSON strings (RFC 7644 §3.4.2.2 `compValue`), so JSON.parse decodes every
 * escape. An escape can spell what the request itself could not carry (`\u0000`, a lone
 * `\ud800`), so the decoded value passes the same storable-text rule as every other input.
 */
function decodeJsonString(raw: string, position: number): string {
  let value: string;
  try {
    value = JSON.parse(raw) as string;
  } catch {
    throw new InvalidFilterError('SCIM-eLvb', `Invalid string literal at position ${position}`, position);
  }
  assertStorableText(value, `The filter value at position ${position}`);
  return value;
}
