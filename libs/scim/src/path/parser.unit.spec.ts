import { InvalidPathError } from '../errors';
import { GROUP_RESOURCE_SCHEMA, USER_RESOURCE_SCHEMA } from '../schemas/resource-schema';
import { parsePatchPath, printPatchPath } from './parser';
import { resolvePatchPath } from './resolve-path';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('parsePatchPath (RFC 7644 §3.5.2)', () => {
  it.each([
    // The path examples of RFC 7644 §3.5.2
    ['members', { attribute: 'members' }],
    ['name.familyName', { attribute: 'name', subAttribute: 'familyName' }],
    [
      'addresses[type eq "work"]',
      {
        attribute: 'addresses',
        valueFilter: { kind: 'comparison', path: { attribute: 'type' }, operator: 'eq', value: 'work' },
      },
    ],
    [
      'members[value eq "2819c223-7f76-453a-919d-413861904646"]',
      {
        attribute: 'members',
        valueFilter: {
          kind: 'comparison',
          path: { attribute: 'value' },
          operator: 'eq',
          value: '2819c223-7f76-453a-919d-413861904646',
        },
      },
    ],
    [
      'members[value eq "2819c223-7f76-453a-919d-413861904646"].displayName',
      { attribute: 'members', subAttribute: 'displayName' },
    ],
    ['emails[type eq "work"].value', { attribute: 'emails', subAttribute: 'value' }],
    [`${ENTERPRISE}:employeeNumber`, { schema: ENTERPRISE, attribute: 'employeeNumber' }],
    [`${ENTERPRISE}:manager.value`, { schema: ENTERPRISE, attribute: 'manager', subAttribute: 'value' }],
    ['emails[value eq "a]b.c:d"].type', { attribute: 'emails', subAttribute: 'type' }],
  ])('%s', (text, expected) => {
    const path = parsePatchPath(text);
    expect(path).toMatchObject(expected);
    expect(parsePatchPath(printPatchPath(path))).toEqual(path);
  });

  it.each([
    '',
    '   ',
    'name.',
    'a.b.c',
    'emails[type eq "work"',
    'emails[type eq]',
    'emails[type eq "x"]value',
    'name.givenName[value pr]',
    'emails[x[y pr]]',
    'foo:bar',
  ])('rejects %j with invalidPath', (text) => {
    expect(() => parsePatchPath(text)).toThrow(InvalidPathError);
  });
});

describe('resolvePatchPath', () => {
  it('resolves case-insensitively to canonical names', () => {
    expect(resolvePatchPath(parsePatchPath('EMAILS[TYPE eq "work"].VALUE'), USER_RESOURCE_SCHEMA).canonical).toBe(
      'emails[TYPE eq "work"].value',
    );
    expect(resolvePatchPath(parsePatchPath('Name.GivenName'), USER_RESOURCE_SCHEMA).canonical).toBe('name.givenName');
    expect(
      resolvePatchPath(parsePatchPath(`${ENTERPRISE.toLowerCase()}:MANAGER.value`), USER_RESOURCE_SCHEMA).canonical,
    ).toBe(`${ENTERPRISE}:manager.value`);
    expect(
      resolvePatchPath(parsePatchPath('members[value eq "x"]'), GROUP_RESOURCE_SCHEMA).attribute.definition.name,
    ).toBe('members');
  });

  it.each([
    'nope',
    'name.nope',
    'userName[value eq "x"]',
    'emails[nope eq "x"]',
    'emails[type eq "x"].nope',
    'urn:x:y:nope',
  ])('rejects %s', (text) => {
    expect(() => resolvePatchPath(parsePatchPath(text), USER_RESOURCE_SCHEMA)).toThrow(InvalidPathError);
  });
});
