import bjensen from '../__fixtures__/bjensen.user.json';
import { InvalidFilterError } from '../errors/scim-errors';
import { GROUP_RESOURCE_SCHEMA, USER_RESOURCE_SCHEMA } from '../schemas/resource-schema';
import { evaluateFilter } from './evaluator';
import { parseFilter } from './parser';
import { resolveFilter } from './resolve-filter';

const matches = (filter: string, resource: Record<string, unknown> = bjensen) =>
  evaluateFilter(parseFilter(filter), resource, USER_RESOURCE_SCHEMA);

describe('evaluateFilter', () => {
  it.each([
    ['userName eq "bjensen@example.com"', true],
    ['userName eq "BJENSEN@EXAMPLE.COM"', true], // userName is caseExact false
    ['id eq "2819C223-7F76-453A-919D-413861904646"', false], // id is caseExact true
    ['externalId eq "701984"', true],
    ['name.familyName co "O\'Malley"', true],
    ['userName sw "BJ"', true],
    ['userName ew "@example.com"', true],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "b"', true],
    ['title pr', true],
    ['nickName pr and userType eq "Employee"', true],
    ['title pr or userType eq "Intern"', true],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', false],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', true],
    ['meta.lastModified lt "2011-05-13T04:42:35Z"', true],
    ['meta.lastModified le "2011-05-12T04:42:34Z"', false],
    ['meta.lastModified eq "2011-05-13T06:42:34+02:00"', true], // same instant, other offset
    ['meta.created lt "2010-01-23T04:56:22.001Z"', true],
    ['schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"', true],
    ['userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")', true],
    ['userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")', false],
    ['userType eq "Employee" and (emails.type eq "work")', true],
    ['userType eq "Employee" and emails[type eq "work" and value co "@example.com"]', true],
    ['emails[type eq "home" and value co "@example.com"]', false],
    ['emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]', true],
    ['emails.value eq "babs@jensen.org"', true], // any value of a multi-valued attribute
    ['emails[primary eq true].value pr', null],
    ['active eq true', true],
    ['active eq "True"', true],
    ['active ne false', true],
    ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984"', true],
    [
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value ' +
        'eq "26118915-6090-4610-87e4-49d8ca9f808d"',
      true,
    ],
    ['URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:EMPLOYEENUMBER eq "701984"', true],
    ['employeeNumber eq "701984"', true], // unqualified extension attribute, unique name
    ['USERNAME EQ "bjensen@example.com"', true],
    ['not (userName eq "x")', true],
    ['nickName eq null', false],
    ['costCenter ne null', true],
    ['timezone eq null', false],
    // A complex attribute without a value sub-attribute compared with null: presence, like pr
    // (and the SQL translation).
    ['addresses ne null', true],
    ['addresses eq null', false],
    ['name eq null', false],
    ['addresses eq "x"', null],
    ['honorificSuffix pr', null],
    ['addresses[type eq "work"].locality eq "x"', null],
    ['title ne "Tour Guide"', false],
    ['userType gt "Employee"', false],
    ['userType ge "employee"', true],
    ['userType lt "F"', true],
  ])('%s → %s', (filter, expected) => {
    if (expected === null) {
      expect(() => matches(filter)).toThrow(InvalidFilterError);
    } else {
      expect(matches(filter)).toBe(expected);
    }
  });

  it('treats an absent attribute as not matching eq and matching ne', () => {
    const sparse = { schemas: [USER_RESOURCE_SCHEMA.core.id], id: '1', userName: 'a' };
    expect(matches('title eq "x"', sparse)).toBe(false);
    expect(matches('title ne "x"', sparse)).toBe(false === matches('title eq "x"', sparse));
    expect(matches('title pr', sparse)).toBe(false);
    expect(matches('emails[type eq "work"]', sparse)).toBe(false);
    expect(matches('title eq null', sparse)).toBe(true);
  });

  it('does not count empty strings, arrays and objects as present', () => {
    const empty = { userName: 'a', title: '', emails: [], name: { givenName: '' } };
    expect(matches('title pr', empty)).toBe(false);
    expect(matches('emails pr', empty)).toBe(false);
    expect(matches('name pr', empty)).toBe(false);
  });

  it('honours caseExact of sub-attributes', () => {
    const group = { displayName: 'Admins', members: [{ value: 'AbC' }] };
    const groupMatches = (filter: string) => evaluateFilter(parseFilter(filter), group, GROUP_RESOURCE_SCHEMA);
    expect(groupMatches('members[value eq "AbC"]')).toBe(true);
    expect(groupMatches('members[value eq "abc"]')).toBe(false); // members.value is caseExact
    expect(groupMatches('displayName eq "admins"')).toBe(true);
    expect(groupMatches('members.value eq "AbC"')).toBe(true);
  });

  it('compares numbers and booleans by value, reading stored strings leniently', () => {
    const user = { userName: 'a', active: 'False' };
    expect(matches('active eq false', user)).toBe(true);
  });

  describe('rejects with 400 invalidFilter whatever the data', () => {
    it.each([
      'unknownAttribute eq "x"',
      'name.unknown eq "x"',
      'active gt true',
      'active co "t"',
      'active eq 1',
      'meta.created eq "yesterday"',
      'meta.created co "2010"',
      'userName eq 5',
      'userName gt null',
      'name eq "x"', // complex without a value sub-attribute
      'x509Certificates.value gt "a"', // binary refuses ordering
      'emails[unknown eq "x"]',
      'userName[value eq "x"]',
      'urn:example:unknown:2.0:User:foo eq "x"',
    ])('%s', (filter) => {
      expect(() => matches(filter)).toThrow(InvalidFilterError);
      expect(() => matches(filter, {})).toThrow(InvalidFilterError);
      expect(() => resolveFilter(parseFilter(filter), USER_RESOURCE_SCHEMA)).toThrow(InvalidFilterError);
    });
  });
});

describe('resolveFilter', () => {
  it('canonicalises names, drops the core URN and keeps extension URNs', () => {
    const resolved = resolveFilter(
      parseFilter(
        'USERNAME eq "x" and urn:ietf:params:scim:schemas:core:2.0:User:NAME.GIVENNAME pr ' +
          'and EMPLOYEENUMBER eq "1" and EMAILS[TYPE eq "work"] and emails co "x"',
      ),
      USER_RESOURCE_SCHEMA,
    );
    expect(JSON.stringify(resolved)).toContain('"attribute":"userName"');
    expect(JSON.stringify(resolved)).toContain('"attribute":"name","subAttribute":"givenName"');
    expect(JSON.stringify(resolved)).toContain(
      '"schema":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","attribute":"employeeNumber"',
    );
    expect(JSON.stringify(resolved)).toContain(
      '{"kind":"valuePath","path":{"attribute":"emails"},"filter":{"kind":"comparison","path":{"attribute":"type"}',
    );
    expect(JSON.stringify(resolved)).toContain('"path":{"attribute":"emails","subAttribute":"value"},"operator":"co"');
  });
});
