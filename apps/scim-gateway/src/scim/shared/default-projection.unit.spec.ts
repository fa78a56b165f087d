import fc from 'fast-check';
import {
  allTopLevelAttributes,
  GROUP_RESOURCE_SCHEMA,
  projectResource,
  USER_RESOURCE_SCHEMA,
  type ResourceSchema,
  type ScimResource,
} from '@lib/scim';
import { defaultProjection } from './default-projection';

/**
 * Attribute names of a schema (sub-attributes and extension URNs too), in assorted letter cases,
 * and a few strangers.
 */
function keysOf(schema: ResourceSchema): fc.Arbitrary<string> {
  const names = new Set<string>(['unknownThing', 'password', '$ref', 'constructor']);
  for (const attribute of allTopLevelAttributes(schema)) {
    names.add(attribute.definition.name);
    if (attribute.inExtension) names.add(attribute.schemaUrn);
    for (const sub of attribute.definition.subAttributes ?? []) names.add(sub.name);
  }
  const canonical = fc.constantFrom(...names);
  return fc.oneof(
    { weight: 6, arbitrary: canonical },
    { weight: 2, arbitrary: canonical.map((name) => name.toUpperCase()) },
    { weight: 1, arbitrary: canonical.map((name) => name.toLowerCase()) },
  );
}

function resources(schema: ResourceSchema): fc.Arbitrary<ScimResource> {
  const key = keysOf(schema);
  const leaf = fc.oneof(fc.string({ maxLength: 6 }), fc.constant(''), fc.integer(), fc.boolean(), fc.constant(null));
  const { value } = fc.letrec<{ value: unknown; object: Record<string, unknown> }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      tie('object'),
      fc.array(tie('value'), { maxLength: 3 }),
    ),
    object: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
  }));
  return fc.dictionary(key, value, { maxKeys: 14 }) as fc.Arbitrary<ScimResource>;
}

describe('defaultProjection: the protocol library projection, compiled once per schema', () => {
  it.each([
    ['User (with the enterprise extension)', USER_RESOURCE_SCHEMA],
    ['Group', GROUP_RESOURCE_SCHEMA],
  ])(
    'returns exactly what projectResource returns without attributes/excludedAttributes, key order included: %s',
    (_name, schema) => {
      const project = defaultProjection(schema);
      fc.assert(
        fc.property(resources(schema), (resource) => {
          expect(JSON.stringify(project(resource))).toBe(JSON.stringify(projectResource(resource, schema)));
        }),
        { numRuns: 3000 },
      );
    },
  );

  it('on a served user: schema order, no stranger attributes, empty sub-objects dropped', () => {
    const stored = {
      meta: { resourceType: 'User', location: 'https://x/Users/1', created: '2026-01-01T00:00:00Z' },
      userName: 'ada@example.com',
      id: '1',
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      EMAILS: [{ value: 'ada@example.com', primary: true, bogus: 1 }, { bogus: 2 }],
      password: 'never shown',
      extra: 'not in the schema',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { employeeNumber: '7' },
    };
    const projected = defaultProjection(USER_RESOURCE_SCHEMA)(stored);
    expect(projected).toEqual(projectResource(stored, USER_RESOURCE_SCHEMA));
    expect(Object.keys(projected)).toEqual([
      'schemas',
      'id',
      'meta',
      'userName',
      'emails',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    ]);
    expect(projected.emails).toEqual([{ value: 'ada@example.com', primary: true }]);
  });
});
