import bjensen from '../__fixtures__/bjensen.user.json';
import { InvalidSyntaxError, InvalidValueError, MutabilityError } from '../errors';
import { attribute } from './attribute-definition';
import { ResourceSchema, GROUP_RESOURCE_SCHEMA, USER_RESOURCE_SCHEMA } from './resource-schema';
import { validateResource } from './resource-validator';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

describe('validateResource', () => {
  it('accepts the RFC 7643 §8.2 full user and drops readOnly attributes', () => {
    const result = validateResource(bjensen, USER_RESOURCE_SCHEMA);
    expect(result).not.toHaveProperty('id');
    expect(result).not.toHaveProperty('meta');
    expect(result).not.toHaveProperty('groups');
    expect(result[ENTERPRISE]).toMatchObject({ employeeNumber: '701984', manager: { value: bjensen[ENTERPRISE].manager.value } });
    expect((result[ENTERPRISE] as { manager: object }).manager).not.toHaveProperty('displayName'); // readOnly sub-attribute
    expect(result.schemas).toEqual([USER, ENTERPRISE]);
  });

  it('normalises names and coerces Entra/Okta values', () => {
    const result = validateResource({ schemas: [USER], UserName: 'a', Active: 'True', Name: { GivenName: 'A' }, emails: { value: 'a@x' } }, USER_RESOURCE_SCHEMA);
    expect(result).toEqual({ schemas: [USER], userName: 'a', active: true, name: { givenName: 'A' }, emails: [{ value: 'a@x' }] });
  });

  it('accepts Okta create with password and groups: []', () => {
    const result = validateResource({ schemas: [USER], userName: 'a', externalId: 'x', password: 'p', groups: [] }, USER_RESOURCE_SCHEMA);
    expect(result).toEqual({ schemas: [USER], userName: 'a', externalId: 'x', password: 'p' });
  });

  it('drops objects under an unknown schema URN (extra schema sent by Entra on groups)', () => {
    const group = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'], displayName: 'G', members: [], 'urn:example:custom:Group': { a: 1 } };
    expect(validateResource(group, GROUP_RESOURCE_SCHEMA)).toEqual({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'G' });
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
    [{ schemas: [USER], userName: 'a', emails: [{ value: 'a', primary: true }, { value: 'b', primary: 'True' }] }, InvalidValueError],
    [{ schemas: [USER], userName: 'a', [ENTERPRISE]: { nope: 1 } }, InvalidValueError],
    [{ schemas: [USER], userName: 'a', [ENTERPRISE]: 'x' }, InvalidValueError],
    ['not an object', InvalidSyntaxError],
  ])('rejects %j', (resource, errorType) => {
    expect(() => validateResource(resource, USER_RESOURCE_SCHEMA)).toThrow(errorType);
  });

  it('ignores unknown attributes when asked to', () => {
    expect(validateResource({ schemas: [USER], userName: 'a', favouriteColour: 'red' }, USER_RESOURCE_SCHEMA, { unknownAttributes: 'ignore' })).toEqual({
      schemas: [USER],
      userName: 'a',
    });
  });

  it('PUT may not change an immutable attribute that has a value', () => {
    const schema: ResourceSchema = {
      ...USER_RESOURCE_SCHEMA,
      core: { ...USER_RESOURCE_SCHEMA.core, attributes: [...USER_RESOURCE_SCHEMA.core.attributes, attribute('badge', 'string', { mutability: 'immutable' })] },
    };
    const existing = { schemas: [USER], userName: 'a', badge: 'b1' };
    expect(() => validateResource({ schemas: [USER], userName: 'a', badge: 'b2' }, schema, { existing })).toThrow(MutabilityError);
    expect(validateResource({ schemas: [USER], userName: 'a', badge: 'b1' }, schema, { existing })).toMatchObject({ badge: 'b1' });
    expect(validateResource({ schemas: [USER], userName: 'a', badge: 'b2' }, schema, { existing: { userName: 'a' } })).toMatchObject({ badge: 'b2' });
  });
});
