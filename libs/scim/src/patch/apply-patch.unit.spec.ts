import bjensen from '../__fixtures__/bjensen.user.json';
import rfcExamples from '../__fixtures__/rfc7644-patch-examples.json';
import {
  InvalidPathError,
  InvalidSyntaxError,
  InvalidValueError,
  MutabilityError,
  NoTargetError,
  ScimError,
} from '../errors';
import { GROUP_RESOURCE_SCHEMA, USER_RESOURCE_SCHEMA } from '../schemas/resource-schema';
import { scimRefusal } from '../testing/scim-refusal';
import { applyPatch } from './apply-patch';
import { PatchOperation } from './patch-operation';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const BABS = '2819c223-7f76-453a-919d-413861904646';
const MANDY = '902c246b-6245-4190-8e05-00816be7344a';

const group = () => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
  id: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
  displayName: 'Tour Guides',
  members: [
    { value: BABS, display: 'Babs Jensen' },
    { value: MANDY, display: 'Mandy Pepperidge' },
  ],
  meta: { resourceType: 'Group', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z' },
});
const user = (): Record<string, unknown> => JSON.parse(JSON.stringify(bjensen));

const patchUser = (operations: PatchOperation[], resource = user()) =>
  applyPatch(resource, operations, USER_RESOURCE_SCHEMA);
const patchGroup = (operations: PatchOperation[], resource: Record<string, unknown> = group()) =>
  applyPatch(resource, operations, GROUP_RESOURCE_SCHEMA);

function expectScimError(run: () => unknown, type: new (...args: never[]) => ScimError, scimType: string): void {
  const caught = scimRefusal(run);
  expect(caught).toBeInstanceOf(type);
  expect(caught.scimType).toBe(scimType);
  expect(caught.status).toBe(400);
}

describe('applyPatch: RFC 7644 §3.5.2 examples', () => {
  it.each(rfcExamples.map((example) => [example.section, example] as const))('%s', (_, example) => {
    const before = example.resource === 'group' ? group() : user();
    const frozen = JSON.stringify(before);
    const schema = example.resource === 'group' ? GROUP_RESOURCE_SCHEMA : USER_RESOURCE_SCHEMA;
    const { changes } = applyPatch(before, example.operations as PatchOperation[], schema);
    expect(changes.map((change) => change.path).sort()).toEqual([...example.expectChangedPaths].sort());
    expect(JSON.stringify(before)).toBe(frozen); // input untouched
  });

  it('add members appends and is idempotent', () => {
    const operation = { op: 'add', path: 'members', value: [{ value: 'new-id', display: 'New' }] };
    const once = patchGroup([operation]);
    expect(once.resource.members).toHaveLength(3);
    const twice = patchGroup([operation], once.resource);
    expect(twice.changes).toEqual([]);
  });

  it('RFC add/replace without path change what differs', () => {
    const sparse = { schemas: [USER_RESOURCE_SCHEMA.core.id], id: '1', userName: 'a' };
    const added = patchUser([rfcExamples[1].operations[0] as PatchOperation], sparse);
    expect(added.resource).toMatchObject({ emails: [{ value: 'babs@jensen.org', type: 'home' }], nickName: 'Babs' });
    expect(added.changes.map((change) => change.path)).toEqual(['nickName', 'emails']);
    const replaced = patchUser([rfcExamples[10].operations[0] as PatchOperation], sparse);
    expect(replaced.resource).toMatchObject({ nickName: 'Babs' });
    expect(replaced.resource.emails).toHaveLength(2);
  });

  it('add without path merges and canonicalises attribute names', () => {
    const { resource } = patchUser([
      {
        op: 'add',
        value: {
          emails: [
            { value: 'babs@jensen.org', type: 'home' },
            { value: 'new@x.org', type: 'other' },
          ],
          nickname: 'Babsy',
        },
      },
    ]);
    expect(resource.nickName).toBe('Babsy');
    expect(resource).not.toHaveProperty('nickname');
    expect((resource.emails as unknown[]).length).toBe(3);
  });

  it('removes one member by filter and leaves the others', () => {
    const { resource, changes } = patchGroup([{ op: 'remove', path: `members[value eq "${BABS}"]` }]);
    expect(resource.members).toEqual([{ value: MANDY, display: 'Mandy Pepperidge' }]);
    expect(changes).toEqual([
      { path: 'members', before: group().members, after: [{ value: MANDY, display: 'Mandy Pepperidge' }] },
    ]);
  });

  it('remove members without value removes them all', () => {
    expect(patchGroup([{ op: 'remove', path: 'members' }]).resource).not.toHaveProperty('members');
  });

  it('removes emails matching a complex filter', () => {
    const { resource } = patchUser([{ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }]);
    expect(resource.emails).toEqual([{ value: 'babs@jensen.org', type: 'home' }]);
  });

  it('replace of a filtered entry replaces it whole; of a sub-attribute only that', () => {
    const whole = patchUser([
      { op: 'replace', path: 'addresses[type eq "work"]', value: { type: 'work', locality: 'Paris' } },
    ]).resource;
    expect((whole.addresses as unknown[])[0]).toEqual({ type: 'work', locality: 'Paris' });
    const sub = patchUser([
      { op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1010 Broadway Ave' },
    ]).resource;
    expect((sub.addresses as Record<string, unknown>[])[0]).toMatchObject({
      streetAddress: '1010 Broadway Ave',
      locality: 'Hollywood',
    });
  });

  it('replace without path replaces multi-valued attributes whole', () => {
    const { resource } = patchUser([{ op: 'replace', value: { emails: [{ value: 'only@x.org', type: 'work' }] } }]);
    expect(resource.emails).toEqual([{ value: 'only@x.org', type: 'work' }]);
  });

  it('replace of a complex attribute keeps unspecified sub-attributes', () => {
    const { resource } = patchUser([{ op: 'replace', path: 'name', value: { givenName: 'Barb' } }]);
    expect(resource.name).toMatchObject({ givenName: 'Barb', familyName: "O'Malley" });
  });
});

describe('applyPatch: what identity providers send', () => {
  it('Entra: capitalised op names and "False" as a string', () => {
    const { resource, changes } = patchUser([{ op: 'Replace', path: 'active', value: 'False' }]);
    expect(resource.active).toBe(false);
    expect(changes).toEqual([{ path: 'active', before: true, after: false }]);
    expect(patchUser([{ op: 'REPLACE', path: 'active', value: 'True' }]).changes).toEqual([]);
  });

  it('Entra: PascalCase attribute names', () => {
    const { resource } = patchUser([
      { op: 'Replace', path: 'UserName', value: 'babs@example.com' },
      { op: 'Replace', path: 'Active', value: false },
      { op: 'Add', path: 'Name.GivenName', value: 'B' },
    ]);
    expect(resource).toMatchObject({ userName: 'babs@example.com', active: false, name: { givenName: 'B' } });
    expect(resource).not.toHaveProperty('UserName');
  });

  it('Entra: one op per attribute with value-path and URN paths', () => {
    const { resource } = patchUser([
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'babs@new.example.com' },
      { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: '42' },
      { op: 'Replace', path: `${ENTERPRISE}:manager`, value: 'boss-id' },
      { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' },
    ]);
    expect((resource.emails as Record<string, unknown>[])[0]).toEqual({
      value: 'babs@new.example.com',
      type: 'work',
      primary: true,
    });
    expect(resource[ENTERPRISE]).toMatchObject({ employeeNumber: '42', manager: { value: 'boss-id' } });
    expect((resource.phoneNumbers as Record<string, unknown>[])[1]).toEqual({ value: '+1 555 0100', type: 'mobile' });
  });

  it('Entra: a filtered path to an entry that does not exist yet creates it', () => {
    const sparse = { schemas: [USER_RESOURCE_SCHEMA.core.id], id: '1', userName: 'a' };
    const { resource, changes } = patchUser(
      [
        { op: 'Add', path: 'addresses[type eq "work"].locality', value: 'Paris' },
        { op: 'Replace', path: 'addresses[type eq "work"].postalCode', value: '75001' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'a@x.org' },
      ],
      sparse,
    );
    expect(resource.addresses).toEqual([{ type: 'work', locality: 'Paris', postalCode: '75001' }]);
    expect(resource.emails).toEqual([{ type: 'work', value: 'a@x.org' }]);
    expect(changes.map((change) => change.path)).toEqual(['emails', 'addresses']);
  });

  it('Entra (aadOptscim062020): no-path replace with dotted and URN keys', () => {
    const { resource } = patchUser([
      {
        op: 'replace',
        value: {
          'name.givenName': 'Barbara Ann',
          'name.familyName': 'Jensen',
          [`${ENTERPRISE}:department`]: 'Sales',
          [`${ENTERPRISE}:manager.value`]: 'boss',
          'emails[type eq "work"].value': 'b@x.org',
          active: false,
        },
      },
    ]);
    expect(resource.name).toMatchObject({ givenName: 'Barbara Ann', familyName: 'Jensen', middleName: 'Jane' });
    expect(resource[ENTERPRISE]).toMatchObject({ department: 'Sales', manager: { value: 'boss' } });
    expect(resource.active).toBe(false);
  });

  it('no-path value holding an extension object, and adding the extension lists its URN', () => {
    const sparse = { schemas: [USER_RESOURCE_SCHEMA.core.id], id: '1', userName: 'a' };
    const { resource, changes } = patchUser([{ op: 'add', value: { [ENTERPRISE]: { EmployeeNumber: '7' } } }], sparse);
    expect(resource[ENTERPRISE]).toEqual({ employeeNumber: '7' });
    expect(resource.schemas).toEqual([USER_RESOURCE_SCHEMA.core.id, ENTERPRISE]);
    expect(changes.map((change) => change.path).sort()).toEqual(['schemas', `${ENTERPRISE}:employeeNumber`]);
  });

  it('Entra: member removal by value list removes only those listed', () => {
    const { resource } = patchGroup([{ op: 'Remove', path: 'members', value: [{ value: BABS }] }]);
    expect(resource.members).toEqual([{ value: MANDY, display: 'Mandy Pepperidge' }]);
    expect(patchGroup([{ op: 'Remove', path: 'members', value: [{ value: 'not-a-member' }] }]).changes).toEqual([]);
  });

  it('Okta: replace of members with a list, including []', () => {
    const { resource } = patchGroup([{ op: 'replace', path: 'members', value: [{ value: 'x' }] }]);
    expect(resource.members).toEqual([{ value: 'x' }]);
    const emptied = patchGroup([{ op: 'replace', path: 'members', value: [] }]);
    expect(emptied.resource).not.toHaveProperty('members');
    expect(emptied.changes).toEqual([{ path: 'members', before: group().members, after: undefined }]);
  });

  it('Okta: no-path replace carrying the unchanged id and a new displayName', () => {
    const { resource, changes } = patchGroup([{ op: 'replace', value: { id: group().id, displayName: 'Guides' } }]);
    expect(resource.displayName).toBe('Guides');
    expect(changes).toEqual([{ path: 'displayName', before: 'Tour Guides', after: 'Guides' }]);
  });

  it('Okta: deactivate with a no-path replace', () => {
    expect(patchUser([{ op: 'replace', value: { active: false } }]).resource.active).toBe(false);
  });

  it('Okta: members[value eq] removes plus members add', () => {
    const { resource } = patchGroup([
      { op: 'remove', path: `members[value eq "${BABS}"]` },
      { op: 'add', path: 'members', value: [{ value: 'c' }] },
    ]);
    expect((resource.members as { value: string }[]).map((member) => member.value)).toEqual([MANDY, 'c']);
  });

  it('Entra uses add and replace interchangeably on single-valued attributes', () => {
    expect(patchUser([{ op: 'Add', path: 'title', value: 'Boss' }]).resource.title).toBe('Boss');
  });
});

describe('applyPatch: primary stays unique', () => {
  it('setting primary on one value clears the others', () => {
    const { resource } = patchUser([
      { op: 'add', path: 'emails', value: [{ value: 'new@x.org', type: 'other', primary: true }] },
    ]);
    const emails = resource.emails as Record<string, unknown>[];
    expect(emails.filter((email) => email.primary === true)).toEqual([
      { value: 'new@x.org', type: 'other', primary: true },
    ]);
    expect(emails[0].primary).toBe(false);
  });

  it('via a filtered sub-attribute path', () => {
    const { resource } = patchUser([{ op: 'replace', path: 'emails[type eq "home"].primary', value: 'True' }]);
    const emails = resource.emails as Record<string, unknown>[];
    expect(emails.map((email) => email.primary)).toEqual([false, true]);
  });

  it('two primaries in one value is invalidValue', () => {
    expectScimError(
      () =>
        patchUser([
          {
            op: 'replace',
            path: 'emails',
            value: [
              { value: 'a@x', primary: true },
              { value: 'b@x', primary: true },
            ],
          },
        ]),
      InvalidValueError,
      'invalidValue',
    );
  });
});

describe('applyPatch: changes', () => {
  it('an operation that changes nothing yields no change', () => {
    expect(patchUser([{ op: 'replace', path: 'title', value: 'Tour Guide' }]).changes).toEqual([]);
    expect(patchUser([{ op: 'remove', path: 'nickName' }], { userName: 'a' }).changes).toEqual([]);
  });

  it('reports before and after per top-level attribute', () => {
    const { changes } = patchUser([
      { op: 'replace', path: 'name.givenName', value: 'Barb' },
      { op: 'replace', path: 'name.familyName', value: 'Jensen' },
    ]);
    expect(changes).toEqual([
      { path: 'name', before: bjensen.name, after: { ...bjensen.name, givenName: 'Barb', familyName: 'Jensen' } },
    ]);
  });

  it('redacts the password', () => {
    const { changes, resource } = patchUser([{ op: 'replace', path: 'password', value: 'n3w' }]);
    expect(resource.password).toBe('n3w');
    expect(changes).toEqual([{ path: 'password', before: '[redacted]', after: '[redacted]', sensitive: true }]);
  });
});

describe('applyPatch: errors', () => {
  it.each<[string, PatchOperation, new (...args: never[]) => ScimError]>([
    ['invalidPath', { op: 'replace', path: 'favouriteColour', value: 'x' }, InvalidPathError],
    ['invalidPath', { op: 'replace', path: 'name.nope', value: 'x' }, InvalidPathError],
    ['invalidPath', { op: 'replace', path: 'emails[nope eq "x"].value', value: 'x' }, InvalidPathError],
    ['invalidPath', { op: 'replace', path: 'emails[type eq "x"', value: 'x' }, InvalidPathError],
    ['invalidPath', { op: 'replace', path: 'title[value eq "x"]', value: 'x' }, InvalidPathError],
    ['invalidPath', { op: 'replace', value: { nope: 1 } }, InvalidPathError],
    // A filter that matches nothing and cannot create an entry.
    ['noTarget', { op: 'replace', path: 'emails[value co "nobody"].type', value: 'work' }, NoTargetError],
    ['invalidValue', { op: 'replace', path: 'active', value: 'maybe' }, InvalidValueError],
    ['invalidValue', { op: 'replace', path: 'userName', value: 42 }, InvalidValueError],
    ['invalidValue', { op: 'add', path: 'emails', value: [{ value: 'a', colour: 'red' }] }, InvalidValueError],
    ['invalidValue', { op: 'add', path: 'title' }, InvalidValueError],
    ['invalidValue', { op: 'replace', value: 'x' }, InvalidValueError],
    // Removing a required attribute.
    ['invalidValue', { op: 'remove', path: 'userName' }, InvalidValueError],
    // readOnly attributes.
    ['mutability', { op: 'replace', path: 'id', value: 'other' }, MutabilityError],
    ['mutability', { op: 'replace', value: { id: 'other' } }, MutabilityError],
    ['mutability', { op: 'replace', path: 'meta.created', value: '2020-01-01T00:00:00Z' }, MutabilityError],
    ['mutability', { op: 'add', path: 'groups', value: [{ value: 'g' }] }, MutabilityError],
    ['invalidSyntax', { op: 'move', path: 'title', value: 'x' }, InvalidSyntaxError],
  ])('a user PATCH is refused with %s: %j', (scimType, operation, type) => {
    expectScimError(() => patchUser([operation]), type, scimType);
  });

  it('remove with a filter that matches nothing is noTarget; an absent simple attribute is a no-op', () => {
    expectScimError(
      () => patchGroup([{ op: 'remove', path: 'members[value eq "nobody"]' }]),
      NoTargetError,
      'noTarget',
    );
    expectScimError(() => patchUser([{ op: 'remove' } as PatchOperation]), NoTargetError, 'noTarget');
    expect(patchUser([{ op: 'remove', path: 'nickName' }], { userName: 'a' }).changes).toEqual([]);
  });

  it('immutable values may be set when absent but not changed', () => {
    expect(
      patchGroup([{ op: 'add', path: 'members[value eq "x"].display', value: 'X' }]).resource.members,
    ).toHaveLength(3);
    expectScimError(
      () => patchGroup([{ op: 'replace', path: `members[value eq "${BABS}"].value`, value: 'other' }]),
      MutabilityError,
      'mutability',
    );
  });

  it('an error leaves the input untouched (atomic)', () => {
    const resource = user();
    const frozen = JSON.stringify(resource);
    expect(() =>
      patchUser(
        [
          { op: 'replace', path: 'title', value: 'x' },
          { op: 'replace', path: 'nope', value: 1 },
        ],
        resource,
      ),
    ).toThrow(InvalidPathError);
    expect(JSON.stringify(resource)).toBe(frozen);
  });
});
