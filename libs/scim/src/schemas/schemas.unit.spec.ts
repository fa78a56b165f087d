import { AttributeDefinition } from './attribute-definition';
import { COMMON_ATTRIBUTES } from './common-attributes';
import { ALL_SCHEMAS, findSchemaById, USER_RESOURCE_SCHEMA } from './resource-schema';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from './resource-types';
import { buildServiceProviderConfig } from './service-provider-config';
import { resolveAttribute } from './resolve-attribute';

const CHARACTERISTICS = [
  'name',
  'type',
  'multiValued',
  'description',
  'required',
  'caseExact',
  'mutability',
  'returned',
  'uniqueness',
];

function everyAttribute(attributes: readonly AttributeDefinition[]): AttributeDefinition[] {
  return attributes.flatMap((definition) => [definition, ...everyAttribute(definition.subAttributes ?? [])]);
}

describe('schema documents (RFC 7643 §7, §8.7.1)', () => {
  it('serve User, Group and the enterprise extension', () => {
    expect(ALL_SCHEMAS.map((schema) => schema.id)).toEqual([
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:core:2.0:Group',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    ]);
    expect(findSchemaById('URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:GROUP')?.name).toBe('Group');
  });

  it('spell out every characteristic of every attribute', () => {
    for (const definition of everyAttribute([
      ...ALL_SCHEMAS.flatMap((schema) => schema.attributes),
      ...COMMON_ATTRIBUTES,
    ])) {
      for (const characteristic of CHARACTERISTICS) expect(definition).toHaveProperty(characteristic);
      if (definition.type === 'complex') expect(definition.subAttributes?.length).toBeGreaterThan(0);
      if (definition.type === 'reference') expect(definition.referenceTypes?.length).toBeGreaterThan(0);
    }
  });

  it('match RFC 7643 on the characteristics clients rely on', () => {
    const user = (path: string) => {
      const [attribute, subAttribute] = path.split('.');
      const resolved = resolveAttribute(USER_RESOURCE_SCHEMA, {
        attribute,
        ...(subAttribute ? { subAttribute } : {}),
      })!;
      return resolved.subDefinition ?? resolved.definition;
    };
    expect(user('userName')).toMatchObject({ required: true, uniqueness: 'server', caseExact: false });
    expect(user('password')).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
    expect(user('id')).toMatchObject({ mutability: 'readOnly', returned: 'always', caseExact: true });
    expect(user('groups')).toMatchObject({ mutability: 'readOnly', multiValued: true });
    expect(user('emails.type').canonicalValues).toEqual(['work', 'home', 'other']);
    expect(user('phoneNumbers.type').canonicalValues).toContain('mobile');
    expect(user('active').type).toBe('boolean');
    expect(user('meta.lastModified').type).toBe('dateTime');
    expect(user('profileUrl').referenceTypes).toEqual(['external']);
  });
});

describe('ResourceType documents (RFC 7643 §6)', () => {
  it('describe User with the enterprise extension and Group', () => {
    expect(USER_RESOURCE_TYPE).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User',
      endpoint: '/Users',
      schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
      schemaExtensions: [{ schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', required: false }],
    });
    expect(GROUP_RESOURCE_TYPE).toMatchObject({ id: 'Group', endpoint: '/Groups', schemaExtensions: [] });
  });
});

describe('buildServiceProviderConfig (RFC 7643 §5)', () => {
  it('advertises the limits it is given', () => {
    const config = buildServiceProviderConfig({
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
      filter: { supported: true, maxResults: 200 },
      pagination: { cursor: true, index: true, defaultPaginationMethod: 'index', maxPageSize: 200 },
      baseLocation: 'https://scim.example.com/t/acme/v2',
    });
    expect(config).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [{ type: 'oauthbearertoken', primary: true }],
      pagination: { cursor: true, index: true },
      meta: {
        resourceType: 'ServiceProviderConfig',
        location: 'https://scim.example.com/t/acme/v2/ServiceProviderConfig',
      },
    });
  });
});
