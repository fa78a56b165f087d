import { InvalidValueError, MutabilityError } from '../errors';
import { AttributeDefinition } from '../schemas/attribute-definition';
import { GROUP_RESOURCE_SCHEMA, ResourceSchema, USER_RESOURCE_SCHEMA } from '../schemas/resource-schema';
import { allTopLevelAttributes, ResolvedAttribute } from '../schemas/resolve-attribute';
import { applyPatch } from './apply-patch';

/**
 * Issue 15, item 2, in the protocol library: RFC 7644 §3.5.2.2 "If the target location is a
 * single-value attribute, the attribute and its associated value is removed, and the attribute
 * SHALL be considered unassigned." Every removable single-valued attribute of both resource
 * types, taken from the schema so that none is forgotten.
 */
function sampleValue(definition: AttributeDefinition): unknown {
  switch (definition.type) {
    case 'boolean':
      return false;
    case 'complex':
      return Object.fromEntries(
        (definition.subAttributes ?? [])
          .filter((sub) => sub.mutability !== 'readOnly' && sub.type === 'string')
          .map((sub) => [sub.name, `${sub.name} value`]),
      );
    case 'reference':
      return 'https://example.com/x';
    default:
      return `${definition.name} value`;
  }
}

function removable(resourceSchema: ResourceSchema): ResolvedAttribute[] {
  return allTopLevelAttributes(resourceSchema).filter(
    ({ definition }) =>
      !definition.multiValued &&
      !definition.required &&
      definition.mutability !== 'readOnly' &&
      definition.returned !== 'never' &&
      definition.name !== 'schemas',
  );
}

const pathOf = (attribute: ResolvedAttribute) =>
  attribute.inExtension ? `${attribute.schemaUrn}:${attribute.definition.name}` : attribute.definition.name;

function withValue(base: Record<string, unknown>, attribute: ResolvedAttribute): Record<string, unknown> {
  const value = sampleValue(attribute.definition);
  if (!attribute.inExtension) return { ...base, [attribute.definition.name]: value };
  return {
    ...base,
    schemas: [...(base.schemas as string[]), attribute.schemaUrn],
    [attribute.schemaUrn]: { [attribute.definition.name]: value },
  };
}

const CASES: Array<[string, ResourceSchema, Record<string, unknown>]> = [
  ['User', USER_RESOURCE_SCHEMA, { schemas: [USER_RESOURCE_SCHEMA.core.id], id: 'u1', userName: 'ada' }],
  ['Group', GROUP_RESOURCE_SCHEMA, { schemas: [GROUP_RESOURCE_SCHEMA.core.id], id: 'g1', displayName: 'Admins' }],
];

describe.each(CASES)('%s: removing a single-valued attribute makes it unassigned', (_name, resourceSchema, base) => {
  const attributes = removable(resourceSchema);

  it('covers the attributes the schema makes removable', () => {
    const names = attributes.map(pathOf);
    if (resourceSchema === USER_RESOURCE_SCHEMA) {
      expect(names).toEqual(
        expect.arrayContaining([
          'active',
          'externalId',
          'displayName',
          'name',
          'title',
          'userType',
          'locale',
          `${attributes.find((a) => a.inExtension)?.schemaUrn}:manager`,
        ]),
      );
    } else {
      expect(names).toEqual(['externalId']);
    }
  });

  it.each(attributes.map((attribute) => [pathOf(attribute), attribute] as const))(
    'remove %s: absent afterwards, and reported as a change',
    (path, attribute) => {
      const before = withValue(base, attribute);
      for (const operation of [
        { op: 'remove', path },
        { op: 'Remove', path: path.toUpperCase() },
        { op: 'replace', path, value: null },
      ]) {
        const { resource, changes } = applyPatch(before, [operation], resourceSchema);
        const container = attribute.inExtension ? resource[attribute.schemaUrn] : resource;
        expect(container === undefined || !(attribute.definition.name in (container as object))).toBe(true);
        // `schemas` changes too when the last extension attribute goes (the URN leaves the list).
        expect(changes.filter((change) => change.path !== 'schemas')).toEqual([
          { path, before: sampleValue(attribute.definition), after: undefined },
        ]);
        if (attribute.inExtension) expect(resource.schemas).toEqual([resourceSchema.core.id]);
      }
    },
  );

  it.each(attributes.map((attribute) => [pathOf(attribute), attribute] as const))(
    'remove %s when it has no value: no change',
    (path) => {
      expect(applyPatch(base, [{ op: 'remove', path }], resourceSchema).changes).toEqual([]);
    },
  );
});

describe('what cannot be unassigned', () => {
  const ada = { schemas: [USER_RESOURCE_SCHEMA.core.id], id: 'u1', userName: 'ada' };

  it('a required attribute: 400 invalidValue', () => {
    expect(() => applyPatch(ada, [{ op: 'remove', path: 'userName' }], USER_RESOURCE_SCHEMA)).toThrow(
      InvalidValueError,
    );
    expect(() =>
      applyPatch(
        { displayName: 'G', schemas: [GROUP_RESOURCE_SCHEMA.core.id] },
        [{ op: 'remove', path: 'displayName' }],
        GROUP_RESOURCE_SCHEMA,
      ),
    ).toThrow(InvalidValueError);
  });

  it('a readOnly attribute: 400 mutability', () => {
    expect(() => applyPatch(ada, [{ op: 'remove', path: 'id' }], USER_RESOURCE_SCHEMA)).toThrow(MutabilityError);
    expect(() =>
      applyPatch({ ...ada, meta: { resourceType: 'User' } }, [{ op: 'remove', path: 'meta' }], USER_RESOURCE_SCHEMA),
    ).toThrow(MutabilityError);
  });
});
