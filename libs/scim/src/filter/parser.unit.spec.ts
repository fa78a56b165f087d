import { InvalidFilterError } from '../errors/scim-errors';
import { Filter } from './ast';
import { parseFilter } from './parser';
import { printFilter } from './printer';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** Every filter example of RFC 7644 §3.4.2.2 (figure "Example filters"). */
const RFC_7644_EXAMPLES = [
  'userName eq "bjensen"',
  'name.familyName co "O\'Malley"',
  'userName sw "J"',
  'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
  'title pr',
  'meta.lastModified gt "2011-05-13T04:42:34Z"',
  'meta.lastModified ge "2011-05-13T04:42:34Z"',
  'meta.lastModified lt "2011-05-13T04:42:34Z"',
  'meta.lastModified le "2011-05-13T04:42:34Z"',
  'title pr and userType eq "Employee"',
  'title pr or userType eq "Intern"',
  'schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"',
  'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
  'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
  'userType eq "Employee" and (emails.type eq "work")',
  'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
  'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
];

describe('parseFilter (RFC 7644 §3.4.2.2)', () => {
  it.each(RFC_7644_EXAMPLES)('parses and round-trips the RFC example %s', (text) => {
    const ast = parseFilter(text);
    expect(parseFilter(printFilter(ast))).toEqual(ast);
  });

  it('parses a comparison', () => {
    expect(parseFilter('userName eq "bjensen"')).toEqual({
      kind: 'comparison',
      path: { attribute: 'userName' },
      operator: 'eq',
      value: 'bjensen',
    });
  });

  it('parses every comparison operator, case-insensitively', () => {
    for (const operator of ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']) {
      const ast = parseFilter(`title ${operator.toUpperCase()} "x"`);
      expect(ast).toMatchObject({ kind: 'comparison', operator });
    }
    expect(parseFilter('title PR')).toEqual({ kind: 'present', path: { attribute: 'title' } });
  });

  it('gives and precedence over or, both left-associative', () => {
    expect(parseFilter('a pr or b pr and c pr')).toEqual({
      kind: 'or',
      left: { kind: 'present', path: { attribute: 'a' } },
      right: {
        kind: 'and',
        left: { kind: 'present', path: { attribute: 'b' } },
        right: { kind: 'present', path: { attribute: 'c' } },
      },
    });
    const leftAssociative = parseFilter('a pr and b pr and c pr') as Extract<Filter, { kind: 'and' }>;
    expect(leftAssociative.left.kind).toBe('and');
  });

  it('honours parentheses', () => {
    const ast = parseFilter('(a pr or b pr) and c pr');
    expect(ast).toMatchObject({ kind: 'and', left: { kind: 'or' } });
  });

  it('accepts a filter that starts with not, in any case', () => {
    expect(parseFilter('NOT (userName eq "x")')).toEqual({
      kind: 'not',
      filter: { kind: 'comparison', path: { attribute: 'userName' }, operator: 'eq', value: 'x' },
    });
    expect(parseFilter('not(active eq true) and title pr').kind).toBe('and');
  });

  it('still reads an attribute whose name starts with "not"', () => {
    expect(parseFilter('notes pr')).toEqual({ kind: 'present', path: { attribute: 'notes' } });
    expect(parseFilter('not pr')).toEqual({ kind: 'present', path: { attribute: 'not' } });
  });

  it('parses value paths with nested logical filters', () => {
    expect(parseFilter('emails[type eq "work" and value co "@x.com"]')).toEqual({
      kind: 'valuePath',
      path: { attribute: 'emails' },
      filter: {
        kind: 'and',
        left: { kind: 'comparison', path: { attribute: 'type' }, operator: 'eq', value: 'work' },
        right: { kind: 'comparison', path: { attribute: 'value' }, operator: 'co', value: '@x.com' },
      },
    });
    expect(parseFilter('emails[not (type eq "work")]')).toMatchObject({ kind: 'valuePath', filter: { kind: 'not' } });
  });

  it('parses schema-URN-qualified paths with and without sub-attribute', () => {
    expect(parseFilter(`${ENTERPRISE}:employeeNumber eq "701984"`)).toMatchObject({
      path: { schema: ENTERPRISE, attribute: 'employeeNumber' },
    });
    expect(parseFilter(`${ENTERPRISE}:manager.value eq "26118915"`)).toMatchObject({
      path: { schema: ENTERPRISE, attribute: 'manager', subAttribute: 'value' },
    });
  });

  it('parses string, number, boolean and null literals', () => {
    const value = (text: string) => (parseFilter(`x eq ${text}`) as { value: unknown }).value;
    expect(value('"abc"')).toBe('abc');
    expect(value('42')).toBe(42);
    expect(value('-1.5e3')).toBe(-1500);
    expect(value('true')).toBe(true);
    expect(value('False')).toBe(false);
    expect(value('NULL')).toBeNull();
  });

  it('keeps ":", ".", brackets, parentheses and escaped quotes inside string values', () => {
    const value = (text: string) => (parseFilter(`userName eq ${text}`) as { value: unknown }).value;
    expect(value('"urn:a:b.c"')).toBe('urn:a:b.c');
    expect(value('"say \\"hi\\" (and) [or]"')).toBe('say "hi" (and) [or]');
    expect(value('"tab\\tunicode\\u00e9 slash\\/ back\\\\"')).toBe('tab\tunicodeé slash/ back\\');
    expect(value('"2011-05-13T04:42:34Z"')).toBe('2011-05-13T04:42:34Z');
  });

  it('accepts any case of attribute names and keeps them as written', () => {
    expect(parseFilter('USERNAME Eq "x"')).toMatchObject({ path: { attribute: 'USERNAME' }, operator: 'eq' });
  });

  it('accepts extra whitespace', () => {
    expect(parseFilter('  ( userName   eq  "x" )  ')).toMatchObject({ kind: 'comparison' });
  });

  describe('errors are 400 invalidFilter with a position', () => {
    const cases: [string, number][] = [
      ['', 0],
      ['userName', 8],
      ['userName eq', 11],
      ['userName xx "a"', 9],
      ['userName eq "unterminated', 12],
      ['userName eq bjensen', 12],
      ['(userName pr', 12],
      ['userName pr)', 11],
      ['userName pr and', 15],
      ['emails[type eq "work"', 21],
      ['emails[type[value pr]]', 11],
      ['userName eq "x" & title pr', 16],
      ['a:b pr', 0],
      ['name.given.x pr', 0],
      ['userName eq "bad \\q escape"', 12],
    ];
    it.each(cases)('%j fails at position %d', (text, position) => {
      let caught: unknown;
      try {
        parseFilter(text);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidFilterError);
      const error = caught as InvalidFilterError;
      expect(error.status).toBe(400);
      expect(error.scimType).toBe('invalidFilter');
      expect(error.position).toBe(position);
      expect(error.detail).toContain(`position ${position}`);
      expect(error.toBody()).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    });

    it('refuses hostile nesting without overflowing the stack', () => {
      expect(() => parseFilter('('.repeat(10000) + 'a pr' + ')'.repeat(10000))).toThrow(InvalidFilterError);
    });
  });
});

describe('printFilter', () => {
  it('prints canonical text', () => {
    expect(printFilter(parseFilter('NOT(a PR) OR b Eq "x\\"y"'))).toBe('not (a pr) or b eq "x\\"y"');
  });

  it('adds parentheses only where needed', () => {
    expect(printFilter(parseFilter('(a pr or b pr) and c pr'))).toBe('(a pr or b pr) and c pr');
    expect(printFilter(parseFilter('a pr or (b pr and c pr)'))).toBe('a pr or b pr and c pr');
    expect(printFilter(parseFilter('a pr and (b pr and c pr)'))).toBe('a pr and (b pr and c pr)');
  });
});
