import fc from 'fast-check';
import bjensen from '../__fixtures__/bjensen.user.json';
import { ScimError } from '../errors';
import { GROUP_RESOURCE_SCHEMA, USER_RESOURCE_SCHEMA } from '../schemas/resource-schema';
import { validateResource } from '../schemas/resource-validator';
import { applyPatch } from './apply-patch';
import { planGroupMemberPatch } from './group-member-plan';
import { PatchOperation } from './patch-operation';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const opName = fc.constantFrom('add', 'Add', 'replace', 'Replace', 'REPLACE', 'remove', 'Remove');
const userPath = fc.constantFrom(
  undefined,
  'userName',
  'UserName',
  'active',
  'Active',
  'title',
  'name',
  'name.givenName',
  'emails',
  'emails[type eq "work"]',
  'emails[type eq "work"].value',
  'emails[type eq "home"].primary',
  'emails[value co "@"].type',
  'phoneNumbers[type eq "mobile"].value',
  'addresses[type eq "work"].locality',
  'addresses[type eq "work" and primary eq true]',
  `${ENTERPRISE}:employeeNumber`,
  `${ENTERPRISE}:manager`,
  `${ENTERPRISE}:manager.value`,
  ENTERPRISE,
  'id',
  'meta.created',
  'groups',
  'password',
  'nope',
);
const scalar = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('True', 'False', 'work', 'home'),
  fc.boolean(),
  fc.integer(),
  fc.constant(null),
);
const userValue = fc.oneof(
  scalar,
  fc.record(
    {
      value: fc.string({ maxLength: 6 }),
      type: fc.constantFrom('work', 'home', 'mobile'),
      primary: fc.oneof(fc.boolean(), fc.constant('True')),
    },
    { requiredKeys: ['value'] },
  ),
  fc.array(
    fc.record(
      { value: fc.string({ maxLength: 6 }), type: fc.constantFrom('work', 'home'), primary: fc.boolean() },
      { requiredKeys: ['value'] },
    ),
    { maxLength: 3 },
  ),
  fc.record({ givenName: fc.string({ maxLength: 5 }), familyName: scalar }, { requiredKeys: [] }),
  fc.record(
    {
      active: fc.oneof(fc.boolean(), fc.constantFrom('True', 'False')),
      'name.givenName': fc.string({ maxLength: 5 }),
      [`${ENTERPRISE}:department`]: fc.string({ maxLength: 5 }),
      id: fc.constantFrom(bjensen.id, 'other'),
      DisplayName: fc.string({ maxLength: 5 }),
      emails: fc.array(fc.record({ value: fc.string({ maxLength: 5 }), primary: fc.boolean() }), { maxLength: 2 }),
    },
    { requiredKeys: [] },
  ),
);
const userOperation: fc.Arbitrary<PatchOperation> = fc
  .record({ op: opName, path: userPath, value: userValue }, { requiredKeys: ['op'] })
  .map((operation) => {
    const result: PatchOperation = { op: operation.op };
    if (operation.path !== undefined) result.path = operation.path;
    if (operation.value !== undefined) result.value = operation.value;
    return result;
  });

function patchOrScimError(run: () => void): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    expect((error as ScimError).status).toBe(400);
  }
}

describe('PATCH properties', () => {
  it('results always validate against the schema, or the patch fails with a SCIM 400', () => {
    fc.assert(
      fc.property(fc.array(userOperation, { minLength: 1, maxLength: 4 }), (operations) => {
        const input = JSON.parse(JSON.stringify(bjensen));
        patchOrScimError(() => {
          const { resource, changes } = applyPatch(input, operations, USER_RESOURCE_SCHEMA);
          validateResource(resource, USER_RESOURCE_SCHEMA);
          expect(resource.id).toBe(bjensen.id);
          expect(resource.meta).toEqual(bjensen.meta);
          const primaries = ((resource.emails as { primary?: unknown }[]) ?? []).filter(
            (email) => email.primary === true,
          );
          expect(primaries.length).toBeLessThanOrEqual(1);
          // The change list names only attributes that really differ.
          for (const change of changes) if (!change.sensitive) expect(change.before).not.toEqual(change.after);
        });
        expect(input).toEqual(bjensen); // never mutates its input
      }),
      { numRuns: 1500 },
    );
  });

  const memberId = fc.constantFrom('a', 'b', 'c', 'd');
  const memberOperation: fc.Arbitrary<PatchOperation> = fc.oneof(
    fc.record({
      op: fc.constantFrom('add', 'Add'),
      path: fc.constant('members'),
      value: fc.array(
        memberId.map((value) => ({ value })),
        { maxLength: 3 },
      ),
    }),
    fc.record({ op: fc.constantFrom('remove', 'Remove'), path: memberId.map((id) => `members[value eq "${id}"]`) }),
    fc.record({
      op: fc.constant('Remove'),
      path: fc.constant('members'),
      value: fc.array(
        memberId.map((value) => ({ value })),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    fc.record({
      op: fc.constant('replace'),
      path: fc.constant('members'),
      value: fc.array(
        memberId.map((value) => ({ value })),
        { maxLength: 3 },
      ),
    }),
    fc.record({ op: fc.constant('replace'), value: fc.record({ displayName: fc.constantFrom('X', 'Y') }) }),
  );

  it('the member plan agrees with applyPatch on the final member set', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(memberId),
        fc.array(memberOperation, { minLength: 1, maxLength: 5 }),
        (initial, operations) => {
          const group = {
            schemas: [GROUP_RESOURCE_SCHEMA.core.id],
            id: 'g',
            displayName: 'G',
            ...(initial.length ? { members: initial.map((value) => ({ value })) } : {}),
          };
          let applied: Set<string>;
          try {
            const { resource } = applyPatch(group, operations, GROUP_RESOURCE_SCHEMA);
            applied = new Set(((resource.members as { value: string }[]) ?? []).map((member) => member.value));
          } catch (error) {
            expect((error as ScimError).scimType).toBe('noTarget'); // a filter removal of a non-member
            return;
          }
          const plan = planGroupMemberPatch(operations);
          expect(plan.requiresMemberList).toBe(false);
          const planned = plan.membersReplacedWith
            ? new Set(plan.membersReplacedWith)
            : new Set([...initial.filter((id) => !plan.membersRemoved.includes(id)), ...plan.membersAdded]);
          expect([...planned].sort()).toEqual([...applied].sort());
        },
      ),
      { numRuns: 1000 },
    );
  });
});
