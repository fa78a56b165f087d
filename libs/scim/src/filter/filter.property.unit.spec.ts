import fc from 'fast-check';
import bjensen from '../__fixtures__/bjensen.user.json';
import { InvalidFilterError, InvalidValueError } from '../errors';
import { unstorableReason } from '../schemas/storable-text';
import { USER_RESOURCE_SCHEMA } from '../schemas/resource-schema';
import { AttributePath, COMPARISON_OPERATORS, Filter, FilterLiteral } from './ast';
import { evaluateFilter } from './evaluator';
import { parseFilter } from './parser';
import { printFilter } from './printer';
import { resolveFilter } from './resolve-filter';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';

const attributeName = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,8}$/),
  fc.constantFrom('not', 'and', 'or', 'eq', 'pr', 'true', 'null', '$ref'),
);
const path: fc.Arbitrary<AttributePath> = fc.record(
  { schema: fc.constantFrom(ENTERPRISE, CORE), attribute: attributeName, subAttribute: attributeName },
  { requiredKeys: ['attribute'] },
);
const literal: fc.Arbitrary<FilterLiteral> = fc.oneof(
  fc.string(),
  // Any character a value can hold: NUL and lone surrogates are refused (storable-text.ts), tested below.
  fc.string({ unit: fc.constantFrom(':', '.', '"', '\\', '[', ']', '(', ')', ' ', 'a', 'é', '\n', '\u0001', '😀') }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

function filterArbitrary(pathArbitrary: fc.Arbitrary<AttributePath>, allowValuePath: boolean): fc.Arbitrary<Filter> {
  const { filter } = fc.letrec<{ filter: Filter; leaf: Filter }>((tie) => ({
    leaf: fc.oneof(
      fc.record({
        kind: fc.constant('comparison' as const),
        path: pathArbitrary,
        operator: fc.constantFrom(...COMPARISON_OPERATORS),
        value: literal,
      }),
      fc.record({ kind: fc.constant('present' as const), path: pathArbitrary }),
      ...(allowValuePath
        ? [
            fc.record({
              kind: fc.constant('valuePath' as const),
              path: fc.record({ attribute: attributeName }),
              filter: filterArbitrary(fc.record({ attribute: attributeName }), false),
            }),
          ]
        : []),
    ),
    filter: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('leaf'),
      fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('filter'), right: tie('filter') }),
      fc.record({ kind: fc.constant('not' as const), filter: tie('filter') }),
    ),
  }));
  return filter;
}

describe('filter properties', () => {
  it('print(ast) parses back to the same AST', () => {
    fc.assert(
      fc.property(filterArbitrary(path, true), (ast) => {
        expect(parseFilter(printFilter(ast))).toEqual(ast);
      }),
      { numRuns: 500 },
    );
  });

  it('parse(print(parse(text))) is stable for the text it accepts', () => {
    fc.assert(
      fc.property(filterArbitrary(path, true), (ast) => {
        const printed = printFilter(ast);
        expect(printFilter(parseFilter(printed))).toBe(printed);
      }),
    );
  });

  const filterish = fc
    .array(
      fc.constantFrom(
        'userName',
        ' ',
        'eq',
        'EQ',
        'pr',
        'and',
        'or',
        'not',
        '(',
        ')',
        '[',
        ']',
        '"',
        '"x"',
        '\\',
        '.',
        ':',
        'urn:a:b',
        '1',
        '-',
        'e',
        'true',
        'null',
        'emails',
        'value',
        '.value',
        '\t',
        '$ref',
        '@',
        '{',
      ),
      { maxLength: 25 },
    )
    .map((parts) => parts.join(''));

  it('a literal that spells a NUL or a lone surrogate is a 400 invalidValue, whatever the rest of the filter', () => {
    for (const escape of ['\\u0000', '\\ud800', '\\udfff', '\\ud800x']) {
      const text = `userName eq "a${escape}b"`;
      expect(() => parseFilter(text)).toThrow(expect.objectContaining({ status: 400, scimType: 'invalidValue' }));
    }
    expect(parseFilter('userName eq "\\ud83d\\ude00"')).toMatchObject({ value: '😀' });
  });

  it('random input never throws anything but a 400 invalidFilter (or invalidValue for unstorable text)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), filterish, fc.string({ unit: 'binary' })), (text) => {
        try {
          parseFilter(text);
        } catch (error) {
          // A literal holding a raw lone surrogate is well-formed but unstorable: invalidValue.
          if (error instanceof InvalidValueError) return expect(unstorableReason(text)).toBe('lone surrogate');
          expect(error).toBeInstanceOf(InvalidFilterError);
          expect((error as InvalidFilterError).toBody()).toMatchObject({ status: '400', scimType: 'invalidFilter' });
          expect(typeof (error as InvalidFilterError).position).toBe('number');
        }
      }),
      { numRuns: 2000 },
    );
  });

  const userPath: fc.Arbitrary<AttributePath> = fc.oneof(
    fc.constantFrom<AttributePath>(
      { attribute: 'userName' },
      { attribute: 'USERNAME' },
      { attribute: 'active' },
      { attribute: 'title' },
      { attribute: 'emails' },
      { attribute: 'emails', subAttribute: 'value' },
      { attribute: 'emails', subAttribute: 'primary' },
      { attribute: 'name', subAttribute: 'familyName' },
      { attribute: 'meta', subAttribute: 'lastModified' },
      { schema: ENTERPRISE, attribute: 'employeeNumber' },
      { schema: ENTERPRISE, attribute: 'manager', subAttribute: 'value' },
      { attribute: 'nope' },
    ),
  );

  it('evaluateFilter and resolveFilter accept and reject the same filters, and only with invalidFilter', () => {
    fc.assert(
      fc.property(filterArbitrary(userPath, false), (ast) => {
        const outcome = (run: () => unknown) => {
          try {
            run();
            return 'ok';
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidFilterError);
            return 'invalidFilter';
          }
        };
        const evaluated = outcome(() => evaluateFilter(ast, bjensen, USER_RESOURCE_SCHEMA));
        const onEmpty = outcome(() => evaluateFilter(ast, {}, USER_RESOURCE_SCHEMA));
        const resolved = outcome(() => resolveFilter(ast, USER_RESOURCE_SCHEMA));
        expect([evaluated, onEmpty]).toEqual([resolved, resolved]);
      }),
      { numRuns: 1000 },
    );
  });

  it('resolving a filter does not change what it matches', () => {
    fc.assert(
      fc.property(filterArbitrary(userPath, false), (ast) => {
        let resolved: Filter;
        try {
          resolved = resolveFilter(ast, USER_RESOURCE_SCHEMA);
        } catch {
          return;
        }
        expect(evaluateFilter(resolved, bjensen, USER_RESOURCE_SCHEMA)).toBe(
          evaluateFilter(ast, bjensen, USER_RESOURCE_SCHEMA),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('not(f) is the negation of f', () => {
    fc.assert(
      fc.property(filterArbitrary(userPath, false), (ast) => {
        try {
          expect(evaluateFilter({ kind: 'not', filter: ast }, bjensen, USER_RESOURCE_SCHEMA)).toBe(
            !evaluateFilter(ast, bjensen, USER_RESOURCE_SCHEMA),
          );
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidFilterError);
        }
      }),
    );
  });
});
