import bjensen from '../__fixtures__/bjensen.user.json';
import { GROUP_RESOURCE_SCHEMA, USER_RESOURCE_SCHEMA } from '../schemas/resource-schema';
import { projectResource } from './project-resource';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const project = (options: Parameters<typeof projectResource>[2]) =>
  projectResource(bjensen, USER_RESOURCE_SCHEMA, options);

describe('projectResource (RFC 7644 §3.4.2.5, RFC 7643 returned)', () => {
  it('returns default and always attributes, never the password', () => {
    const projected = project({});
    expect(projected).not.toHaveProperty('password');
    expect(projected).toMatchObject({
      id: bjensen.id,
      userName: bjensen.userName,
      schemas: bjensen.schemas,
      meta: bjensen.meta,
    });
    expect(projected[ENTERPRISE]).toEqual(bjensen[ENTERPRISE]);
  });

  it('attributes returns only those named, plus always-returned ones', () => {
    expect(project({ attributes: 'userName,name.givenName' })).toEqual({
      schemas: bjensen.schemas,
      id: bjensen.id,
      meta: bjensen.meta,
      userName: bjensen.userName,
      name: { givenName: 'Barbara' },
    });
  });

  it('attributes accepts lists, any case, sub-attributes of multi-valued and URN-qualified names', () => {
    const projected = project({ attributes: ['EMAILS.value', `${ENTERPRISE}:manager.value`, 'password'] });
    expect(projected.emails).toEqual([{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }]);
    expect(projected[ENTERPRISE]).toEqual({ manager: { value: bjensen[ENTERPRISE].manager.value } });
    expect(projected).not.toHaveProperty('password');
    expect(projected).not.toHaveProperty('userName');
  });

  it('a bare extension URN selects or excludes the whole extension', () => {
    expect(project({ attributes: ENTERPRISE })[ENTERPRISE]).toEqual(bjensen[ENTERPRISE]);
    expect(project({ excludedAttributes: ENTERPRISE })).not.toHaveProperty(ENTERPRISE);
  });

  it('excludedAttributes removes default attributes and sub-attributes but never always ones', () => {
    const projected = project({
      excludedAttributes:
        'emails,name.middleName,id,schemas,meta,urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter',
    });
    expect(projected).not.toHaveProperty('emails');
    expect(projected.name).not.toHaveProperty('middleName');
    expect(projected.name).toHaveProperty('givenName');
    expect(projected).toMatchObject({ id: bjensen.id, schemas: bjensen.schemas, meta: bjensen.meta });
    expect(projected[ENTERPRISE]).not.toHaveProperty('costCenter');
  });

  it('Entra: excludedAttributes=members on groups', () => {
    const group = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      id: 'g',
      displayName: 'G',
      members: [{ value: 'u' }],
    };
    expect(projectResource(group, GROUP_RESOURCE_SCHEMA, { excludedAttributes: 'members' })).toEqual({
      schemas: group.schemas,
      id: 'g',
      displayName: 'G',
    });
  });

  it('ignores unknown names and drops attributes outside the schema', () => {
    const projected = projectResource({ ...bjensen, favouriteColour: 'red' }, USER_RESOURCE_SCHEMA, {
      excludedAttributes: 'nope',
    });
    expect(projected).not.toHaveProperty('favouriteColour');
    expect(project({ attributes: 'nope' })).toEqual({ schemas: bjensen.schemas, id: bjensen.id, meta: bjensen.meta });
  });

  it('writes canonical names for differently-cased input', () => {
    expect(projectResource({ ID: '1', USERNAME: 'a' }, USER_RESOURCE_SCHEMA)).toEqual({ id: '1', userName: 'a' });
  });
});
