import bjensen from '../__fixtures__/bjensen.user.json';
import { InvalidSyntaxError, InvalidValueError, MutabilityError } from '../errors';
import { attribute } from './attribute-definition';
import { ResourceSchema, GROUP_RESOURCE_SCHEMA, USER_RESOURCE_SCHEMA } from './resource-schema';
import { validateResource } from './resource-validator';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

describe('validateResource', () => {
  it('accepts the RFC 7643 §8.2 full user and drops readOnly attributes', () => {
    const result = validateResource(bjensen, USER_RESOURCE_SCHEMA);
    expect(result).not.toHaveProperty('id');
    expect(result).not.toHaveProperty('meta');
    expect(result).not.toHaveProperty('groups');
    expect(result[ENTERPRISE]).toMatchObject({
      employeeNumber: '701984',
      manager: { value: bjensen[ENTERPRISE].manager.value },
    });
    // manager.displayName is a readOnly sub-attribute.
    expect((result[ENTERPRISE] as { manager: object }).manager).not.toHaveProperty('displayName');
    expect(result.schemas).toEqual([USER, ENTERPRISE]);
  });

  it('normalises names and coerces Entra/Okta values', () => {
    const result = validateResource(
      { schemas: [USER], UserName: 'a', Active: 'True', Name: { GivenName: 'A' }, emails: { value: 'a@x' } },
      USER_RESOURCE_SCHEMA,
    );
    expect(result).toEqual({
      schemas: [USER],
      userName: 'a',
      active: true,
      name: { givenName: 'A' },
      emails: [{ value: 'a@x' }],
    });
  });

  it('accepts Okta create with password and groups: []', () => {
    const result = validateResource(
      { schemas: [USER], userName: 'a', externalId: 'x', password: 'p', groups: [] },
      USER_RESOURCE_SCHEMA,
    );
    expect(result).toEqual({ schemas: [USER], userName: 'a', externalId: 'x', password: 'p' });
  });

  it('ignores an extra schema URN in `schemas` (the Microsoft group schema Entra lists)', () => {
    const group = {
      schemas: [
        'urn:ietf:params:scim:schemas:core:2.0:Group',
        'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group',
      ],
      displayName: 'G',
      members: [],
    };
    expect(validateResource(group, GROUP_RESOURCE_SCHEMA)).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'G',
    });
  });

  describe('an object under a schema URN the resource type does not register (issue 15, item 5)', () => {
    const entra = 'urn:ietf:params:scim:schemas:extension:Microsoft:Entra:2.0:User';
    const body = { schemas: [USER, entra], userName: 'ada', [entra]: { employeeOrgData: { division: 'x' } } };

    it('is 400 invalidValue naming the URN and the registered extensions in reject mode (strict RFC)', () => {
      expect(() => validateResource(body, USER_RESOURCE_SCHEMA)).toThrow(InvalidValueError);
      expect(() => validateResource(body, USER_RESOURCE_SCHEMA, { unknownAttributes: 'reject' })).toThrow(
        `"${entra}" is not a schema extension of User; its extensions are ${ENTERPRISE}`,
      );
      expect(() =>
        validateResource(
          { schemas: [GROUP], displayName: 'G', 'urn:example:custom:Group': { a: 1 } },
          GROUP_RESOURCE_SCHEMA,
        ),
      ).toThrow('it has no schema extensions');
    });

    it('is dropped in ignore mode, with its URN left out of `schemas`', () => {
      expect(validateResource(body, USER_RESOURCE_SCHEMA, { unknownAttributes: 'ignore' })).toEqual({
        schemas: [USER],
        userName: 'ada',
      });
    });

    it('a registered extension is matched case-insensitively, so it is never mistaken for an unknown one', () => {
      const lower = { schemas: [USER], userName: 'ada', [ENTERPRISE.toLowerCase()]: { department: 'R&D' } };
      expect(validateResource(lower, USER_RESOURCE_SCHEMA)).toEqual({
        schemas: [USER, ENTERPRISE],
        userName: 'ada',
        [ENTERPRISE]: { department: 'R&D' },
      });
    });
  });

  it.each([
    [{ userName: 'a' }, InvalidSyntaxError],
    [{ schemas: [ENTERPRISE], userName: 'a' }, InvalidSyntaxError],
    [{ schemas: [USER] }, InvalidValueError],
    [{ schemas: [USER], userName: '' }, InvalidValueError],
    [{ schemas: [USER], userName: 5 }, InvalidValueError],
    [{ schemas: [USER], userName: 'a', active: 'yes' }, InvalidValueError],
    [{ schemas: [USER], userName: 'a', favouriteColour: 'red' }, InvalidValueError],
    [{ schemas: [USER], userName: 'a', name: { nope: 'x' } }, InvalidValueError],
    [{ schemas: [USER], userName: 'a', name: ['x', 'y'] }, InvalidValueError],
    [
      {
        schemas: [USER],
        userName: 'a',
        emails: [
          { value: 'a', primary: true },
          { value: 'b', primary: 'True' },
        ],
      },
      InvalidValueError,
    ],
    [{ schemas: [USER], userName: 'a', [ENTERPRISE]: { nope: 1 } }, InvalidValueError],
    [{ schemas: [USER], userName: 'a', [ENTERPRISE]: 'x' }, InvalidValueError],
    ['not an object', InvalidSyntaxError],
  ])('rejects %j', (resource, errorType) => {
    expect(() => validateResource(resource, USER_RESOURCE_SCHEMA)).toThrow(errorType);
  });

  it('ignores unknown attributes when asked to', () => {
    expect(
      validateResource({ schemas: [USER], userName: 'a', favouriteColour: 'red' }, USER_RESOURCE_SCHEMA, {
        unknownAttributes: 'ignore',
      }),
    ).toEqual({
      schemas: [USER],
      userName: 'a',
    });
  });

  it('PUT may not change an immutable attribute that has a value', () => {
    const schema: ResourceSchema = {
      ...USER_RESOURCE_SCHEMA,
      core: {
        ...USER_RESOURCE_SCHEMA.core,
        attributes: [
          ...USER_RESOURCE_SCHEMA.core.attributes,
          attribute('badge', 'string', { mutability: 'immutable' }),
        ],
      },
    };
    const existing = { schemas: [USER], userName: 'a', badge: 'b1' };
    expect(() => validateResource({ schemas: [USER], userName: 'a', badge: 'b2' }, schema, { existing })).toThrow(
      MutabilityError,
    );
    expect(validateResource({ schemas: [USER], userName: 'a', badge: 'b1' }, schema, { existing })).toMatchObject({
      badge: 'b1',
    });
    expect(
      validateResource({ schemas: [USER], userName: 'a', badge: 'b2' }, schema, { existing: { userName: 'a' } }),
    ).toMatchObject({ badge: 'b2' });
  });
});
