import { InvalidPathError, InvalidValueError } from '../errors';
import { GROUP_RESOURCE_SCHEMA, USER_RESOURCE_SCHEMA } from '../schemas/resource-schema';
import { validateResource } from '../schemas/resource-validator';
import { applyPatch, PatchOptions } from './apply-patch';
import { planGroupMemberPatch } from './group-member-plan';
import { PatchOperation } from './patch-operation';

/**
 * Issue 15, item 1: a PATCH value is read with the same policy as a POST/PUT body, on every path
 * form. `reject` is strict RFC (the generic profile); `ignore` drops what the schema does not
 * define (the IdP profiles). A resource's own `schemas` key inside a value object is ignored by both.
 */
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const user = () => ({
  schemas: [USER],
  id: 'u1',
  userName: 'ada',
  name: { givenName: 'Ada' },
  emails: [{ value: 'ada@work.example', type: 'work' }],
});
const group = () => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
  id: 'g1',
  displayName: 'Admins',
  members: [{ value: 'm1' }],
});

const REJECT: PatchOptions = { unknownAttributes: 'reject' };
const IGNORE: PatchOptions = { unknownAttributes: 'ignore' };

/** Each path form with a value carrying something the schema does not define, and what `ignore` keeps. */
const USER_CASES: Array<
  [
    form: string,
    operation: PatchOperation,
    kept: (resource: Record<string, unknown>) => unknown,
    expected: unknown,
    rejectedAs: typeof InvalidValueError | typeof InvalidPathError,
  ]
> = [
  [
    'no path, unknown attribute',
    { op: 'replace', value: { title: 'Lead', favouriteColour: 'green' } },
    (r) => r.title,
    'Lead',
    InvalidPathError,
  ],
  [
    'no path, unknown sub-attribute',
    { op: 'replace', value: { name: { familyName: 'L', nickname: 'x' } } },
    (r) => r.name,
    { givenName: 'Ada', familyName: 'L' },
    InvalidValueError,
  ],
  [
    'no path, unregistered extension object',
    {
      op: 'add',
      value: { title: 'Lead', 'urn:ietf:params:scim:schemas:extension:Microsoft:Entra:2.0:User': { x: 1 } },
    },
    (r) => r.title,
    'Lead',
    InvalidPathError,
  ],
  [
    'attribute path, unknown sub-attribute',
    { op: 'add', path: 'name', value: { familyName: 'L', nickname: 'x' } },
    (r) => r.name,
    { givenName: 'Ada', familyName: 'L' },
    InvalidValueError,
  ],
  [
    'multi-valued attribute path, unknown sub-attribute',
    { op: 'add', path: 'emails', value: [{ value: 'a@home.example', type: 'home', label: 'x' }] },
    (r) => (r.emails as unknown[])[1],
    { value: 'a@home.example', type: 'home' },
    InvalidValueError,
  ],
  [
    'extension URN path, unknown attribute',
    { op: 'add', path: ENTERPRISE, value: { department: 'R&D', costCentre: '7' } },
    (r) => r[ENTERPRISE],
    { department: 'R&D' },
    InvalidPathError,
  ],
  [
    'extension URN path, unknown sub-attribute',
    { op: 'add', path: ENTERPRISE, value: { manager: { value: 'm1', managerId: '' } } },
    (r) => r[ENTERPRISE],
    { manager: { value: 'm1' } },
    InvalidValueError,
  ],
  [
    'URN-qualified attribute path, unknown sub-attribute',
    { op: 'replace', path: `${ENTERPRISE}:manager`, value: { value: 'm1', managerId: '' } },
    (r) => r[ENTERPRISE],
    { manager: { value: 'm1' } },
    InvalidValueError,
  ],
  [
    'value-filter path, unknown sub-attribute',
    { op: 'replace', path: 'emails[type eq "work"]', value: { value: 'new@work.example', type: 'work', label: 'x' } },
    (r) => r.emails,
    [{ value: 'new@work.example', type: 'work' }],
    InvalidValueError,
  ],
  [
    'value-filter path creating the value, unknown sub-attribute',
    { op: 'add', path: 'addresses[type eq "work"]', value: { locality: 'Redmond', label: 'x' } },
    (r) => r.addresses,
    [{ type: 'work', locality: 'Redmond' }],
    InvalidValueError,
  ],
];

describe('PATCH values follow the profile policy on every path form', () => {
  it.each(USER_CASES)(
    '%s: rejected under reject, dropped under ignore',
    (_form, operation, kept, expected, rejectedAs) => {
      expect(() => applyPatch(user(), [operation], USER_RESOURCE_SCHEMA, REJECT)).toThrow(rejectedAs);
      const { resource } = applyPatch(user(), [operation], USER_RESOURCE_SCHEMA, IGNORE);
      expect(kept(resource)).toEqual(expected);
      expect(JSON.stringify(resource)).not.toMatch(/favouriteColour|nickname|label|costCentre|managerId|Microsoft/);
    },
  );

  it('the library default is reject, the strict RFC reading', () => {
    expect(() => applyPatch(user(), [USER_CASES[1][1]], USER_RESOURCE_SCHEMA)).toThrow(InvalidValueError);
  });

  it('a dropped value leaves a valid resource, which validateResource accepts as it is', () => {
    const { resource } = applyPatch(
      user(),
      USER_CASES.map(([, operation]) => operation),
      USER_RESOURCE_SCHEMA,
      IGNORE,
    );
    expect(validateResource(resource, USER_RESOURCE_SCHEMA, { unknownAttributes: 'reject' })).toMatchObject({
      userName: 'ada',
      title: 'Lead',
    });
  });

  it('the path itself is not a value: a path naming an unknown attribute is invalidPath under both policies', () => {
    for (const options of [REJECT, IGNORE]) {
      expect(() =>
        applyPatch(user(), [{ op: 'replace', path: 'favouriteColour', value: 'green' }], USER_RESOURCE_SCHEMA, options),
      ).toThrow(InvalidPathError);
      expect(() =>
        applyPatch(user(), [{ op: 'replace', path: 'name.nickname', value: 'x' }], USER_RESOURCE_SCHEMA, options),
      ).toThrow(InvalidPathError);
      expect(() =>
        applyPatch(
          user(),
          [{ op: 'add', path: `${ENTERPRISE}:costCentre`, value: '7' }],
          USER_RESOURCE_SCHEMA,
          options,
        ),
      ).toThrow(InvalidPathError);
    }
  });

  it('a member value with Entra displayName: added under ignore (group PATCH without the member planner)', () => {
    const operation = { op: 'add', path: 'members', value: [{ displayName: 'new User', value: 'm2' }] };
    expect(() => applyPatch(group(), [operation], GROUP_RESOURCE_SCHEMA, REJECT)).toThrow(
      'Attribute members[0] has no sub-attribute "displayName"',
    );
    expect(applyPatch(group(), [operation], GROUP_RESOURCE_SCHEMA, IGNORE).resource.members).toEqual([
      { value: 'm1' },
      { value: 'm2' },
    ]);
  });
});

describe("a resource's own `schemas` key inside a value object is not an attribute", () => {
  const enterpriseValue = { schemas: [ENTERPRISE], employeeNumber: '42', manager: { value: 'm1' } };

  it.each([
    ['extension URN path', { op: 'add', path: ENTERPRISE, value: enterpriseValue }],
    ['no path, extension object', { op: 'add', value: { [ENTERPRISE]: enterpriseValue } }],
    [
      'no path, core URN object',
      { op: 'add', value: { [USER]: { schemas: [USER], title: 'Lead' }, [ENTERPRISE]: enterpriseValue } },
    ],
  ] as Array<[string, PatchOperation]>)('%s: ignored under reject and ignore alike', (_form, operation) => {
    for (const options of [REJECT, IGNORE]) {
      const { resource, changes } = applyPatch(user(), [operation], USER_RESOURCE_SCHEMA, options);
      expect(resource[ENTERPRISE]).toEqual({ employeeNumber: '42', manager: { value: 'm1' } });
      expect(resource.schemas).toEqual([USER, ENTERPRISE]);
      expect(changes.map((change) => change.path)).toEqual(
        expect.arrayContaining([`${ENTERPRISE}:employeeNumber`, `${ENTERPRISE}:manager`]),
      );
    }
  });

  it('POST and PUT bodies ignore it inside an extension object too', () => {
    const body = { schemas: [USER, ENTERPRISE], userName: 'ada', [ENTERPRISE]: enterpriseValue };
    expect(validateResource(body, USER_RESOURCE_SCHEMA, { unknownAttributes: 'reject' })[ENTERPRISE]).toEqual({
      employeeNumber: '42',
      manager: { value: 'm1' },
    });
  });
});

describe('planGroupMemberPatch reads member values with the same policy', () => {
  const add = { op: 'Add', path: 'members', value: [{ displayName: 'new User', value: 'm2' }] };

  it('rejects an unknown member sub-attribute by default, as strict RFC', () => {
    expect(() => planGroupMemberPatch([add])).toThrow(InvalidValueError);
    expect(() => planGroupMemberPatch([add], { unknownAttributes: 'reject' })).toThrow(
      'Attribute members[0] has no sub-attribute "displayName"',
    );
  });

  it('adds the member under ignore, whatever form carries it', () => {
    expect(planGroupMemberPatch([add], { unknownAttributes: 'ignore' }).membersAdded).toEqual(['m2']);
    expect(
      planGroupMemberPatch([{ op: 'add', value: { members: [{ value: 'm3', displayName: 'x' }] } }], {
        unknownAttributes: 'ignore',
      }).membersAdded,
    ).toEqual(['m3']);
    expect(
      planGroupMemberPatch([{ op: 'replace', path: 'members', value: [{ value: 'm4', displayName: 'x' }] }], {
        unknownAttributes: 'ignore',
      }).membersReplacedWith,
    ).toEqual(['m4']);
  });
});
