import { InvalidFilterError, InvalidValueError } from '../errors/scim-errors';
import { parseFilter } from './parser';
import { printFilter } from './printer';

/**
 * Issue 15, item 4: Microsoft's SCIM validator sends `userName eq Test_User_1` (no quotes). With
 * `unquotedStrings` (the Entra profile) a single unquoted token is a string; without it (every
 * other profile) the RFC 7644 §3.4.2.2 grammar holds and it is 400 invalidFilter.
 */
const comparison = (attribute: string, value: unknown) => ({
  kind: 'comparison',
  path: { attribute },
  operator: 'eq',
  value,
});

describe('parseFilter with unquotedStrings', () => {
  it.each([
    ['userName eq Test_User_1', comparison('userName', 'Test_User_1')],
    ['userName eq test.user@contoso.com', comparison('userName', 'test.user@contoso.com')],
    [
      'externalId eq 0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      comparison('externalId', '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef'),
    ],
    ['displayName eq Group1DisplayName', comparison('displayName', 'Group1DisplayName')],
  ])('%s reads the token as a string', (text, expected) => {
    expect(parseFilter(text, { unquotedStrings: true })).toEqual(expected);
  });

  it('keeps true, false, null and numbers as the RFC literals they are', () => {
    expect(parseFilter('active eq true', { unquotedStrings: true })).toEqual(comparison('active', true));
    expect(parseFilter('title eq null', { unquotedStrings: true })).toEqual(comparison('title', null));
    expect(parseFilter('x eq 42', { unquotedStrings: true })).toEqual(comparison('x', 42));
  });

  it('reads the token up to whitespace, a parenthesis or a bracket, inside any construct', () => {
    expect(parseFilter('(userName eq a_b) and emails[type eq work]', { unquotedStrings: true })).toEqual({
      kind: 'and',
      left: comparison('userName', 'a_b'),
      right: { kind: 'valuePath', path: { attribute: 'emails' }, filter: comparison('type', 'work') },
    });
  });

  it('quoted values and the rest of the grammar are unchanged, and the canonical text quotes the value', () => {
    const text = 'userName eq "a b" or not (title pr)';
    expect(parseFilter(text, { unquotedStrings: true })).toEqual(parseFilter(text));
    expect(printFilter(parseFilter('userName eq Test_User_1', { unquotedStrings: true }))).toBe(
      'userName eq "Test_User_1"',
    );
  });

  it('still refuses what is not one token, or a path that is not an attribute path', () => {
    for (const text of ['userName eq Test User', 'userName eq', 'us@er eq "a"', 'userName eq "unterminated']) {
      expect(() => parseFilter(text, { unquotedStrings: true })).toThrow(InvalidFilterError);
    }
  });

  it('applies the storable-text rule to the token', () => {
    expect(() => parseFilter('userName eq a\u0000b', { unquotedStrings: true })).toThrow(InvalidValueError);
  });

  it('without the option (the RFC grammar, every profile but Entra) an unquoted token is 400 invalidFilter', () => {
    expect(() => parseFilter('userName eq Test_User_1')).toThrow(InvalidFilterError);
    expect(() => parseFilter('userName eq test.user@contoso.com')).toThrow(InvalidFilterError);
  });
});
