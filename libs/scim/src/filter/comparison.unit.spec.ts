import { USER_RESOURCE_SCHEMA } from '../schemas/resource-schema';
import { findAttributeDefinition } from '../schemas/resolve-attribute';
import { isSameEntry } from '../patch/multi-valued';
import { compareCodePoints, compareValue } from './comparison';

const userName = findAttributeDefinition(USER_RESOURCE_SCHEMA.core.attributes, 'userName')!;
const externalId = { ...userName, name: 'externalId', caseExact: true };
const emails = findAttributeDefinition(USER_RESOURCE_SCHEMA.core.attributes, 'emails')!;

describe('string comparison: foldCase unless caseExact, code point order', () => {
  it.each([
    ['Émile.X', 'eq', 'émile.x'],
    ['E\u0301mile.X', 'eq', 'ÉMILE.X'],
    ['\u212Aate', 'eq', 'kate'],
    ['ΟΔΥΣΣΕΥΣ', 'eq', 'οδυσσευς'],
    ['ſtraße', 'sw', 'STRA'],
    ['ᏣᎳᎩ', 'co', 'ꮃ'],
  ] as const)('%s %s %s', (value, operator, literal) => {
    expect(compareValue(userName, value, operator, literal)).toBe(true);
  });

  it('keeps caseExact values and simple-folding differences apart', () => {
    expect(compareValue(externalId, 'Émile', 'eq', 'émile')).toBe(false);
    expect(compareValue(userName, 'straße', 'eq', 'strasse')).toBe(false);
    expect(compareValue(userName, 'İlker', 'eq', 'ilker')).toBe(false);
  });

  it('orders by code point, as PostgreSQL\'s "C" collation does, not by UTF-16 unit', () => {
    // U+FFFD is one UTF-16 unit above the surrogate 0xD83D of U+1F600, but a lower code point.
    expect('\uFFFD' > '😀').toBe(true);
    expect(compareCodePoints('\uFFFD', '😀')).toBeLessThan(0);
    expect(compareValue(userName, '😀', 'gt', '\uFFFD')).toBe(true);
    expect(compareValue(userName, 'ab', 'lt', 'abc')).toBe(true);
    expect(compareCodePoints('\u{10400}', '\u{10401}')).toBeLessThan(0);
    expect(compareCodePoints('x', 'x')).toBe(0);
  });

  it('PATCH entry matching folds caseExact=false values and types the same way', () => {
    expect(
      isSameEntry(
        emails,
        { value: 'ÉMILE@example.com', type: 'Work' },
        { value: 'e\u0301mile@EXAMPLE.com', type: 'work' },
      ),
    ).toBe(true);
    expect(isSameEntry(emails, { value: 'straße@example.com' }, { value: 'strasse@example.com' })).toBe(false);
  });
});
