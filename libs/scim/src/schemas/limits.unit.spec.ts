import { applyPatch } from '../patch/apply-patch';
import { planGroupMemberPatch } from '../patch/group-member-plan';
import { operationsOfPatchRequest } from '../patch/patch-operation';
import { ATTRIBUTE_MAX_LENGTH, longerThan, maxLengthOf, RESOURCE_LIMITS } from './limits';
import { GROUP_RESOURCE_SCHEMA, USER_RESOURCE_SCHEMA } from './resource-schema';
import { findAttributeDefinition } from './resolve-attribute';
import { validateResource } from './resource-validator';
import { scimRefusal } from '../testing/scim-refusal';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const user = (extra: Record<string, unknown>) => ({ schemas: [USER], userName: 'ada@example.com', ...extra });

describe('resource limits (checked before anything is appended)', () => {
  it.each([
    ['userName', { userName: 'u'.repeat(3000) }, 'userName'],
    ['displayName', { displayName: 'd'.repeat(3000) }, 'displayName'],
    ['externalId', { externalId: 'e'.repeat(3000) }, 'externalId'],
    ['emails[0].value', { emails: [{ value: `${'m'.repeat(3000)}@example.com`, type: 'work' }] }, 'emails[0].value'],
    ['an enterprise attribute', { [ENTERPRISE]: { department: 'x'.repeat(3000) } }, `${ENTERPRISE}:department`],
    ['a sub-attribute', { name: { givenName: 'g'.repeat(3000) } }, 'name.givenName'],
  ])('a 3,000-character %s is 400 invalidValue naming the attribute', (_label, extra, named) => {
    const error = scimRefusal(() => validateResource(user(extra), USER_RESOURCE_SCHEMA));
    expect(error).toMatchObject({ status: 400, scimType: 'invalidValue' });
    expect(error.detail).toContain(`Attribute ${named} is longer than`);
  });

  it('accepts every attribute at exactly its limit, counting a surrogate pair as one character', () => {
    const max = ATTRIBUTE_MAX_LENGTH.userName;
    const atLimit = validateResource(
      user({ userName: '😀'.repeat(max), displayName: 'd'.repeat(ATTRIBUTE_MAX_LENGTH.displayName) }),
      USER_RESOURCE_SCHEMA,
    );
    expect(atLimit.userName).toBe('😀'.repeat(max));
    expect(
      scimRefusal(() => validateResource(user({ userName: '😀'.repeat(max + 1) }), USER_RESOURCE_SCHEMA)).detail,
    ).toContain('userName');
  });

  it('the same limit applies to a value a PATCH brings, with a path or without', () => {
    for (const operation of [
      { op: 'replace', path: 'displayName', value: 'p'.repeat(3000) },
      { op: 'replace', value: { displayName: 'p'.repeat(3000) } },
      { op: 'add', path: 'emails', value: [{ value: 'p'.repeat(3000) }] },
    ]) {
      const error = scimRefusal(() => applyPatch(user({}), [operation], USER_RESOURCE_SCHEMA));
      expect(error).toMatchObject({
        status: 400,
        scimType: 'invalidValue',
        detail: expect.stringMatching(/^Attribute (displayName|emails\[0\]\.value) is longer than/),
      });
    }
  });

  it('a group displayName has the same bound', () => {
    const error = scimRefusal(() =>
      validateResource({ schemas: [GROUP], displayName: 'g'.repeat(3000) }, GROUP_RESOURCE_SCHEMA),
    );
    expect(error).toMatchObject({ status: 400, scimType: 'invalidValue' });
    expect(error.detail).toContain('Attribute displayName is longer than 256');
  });

  it('defaults: strings 1,024, references 2,048, by definition (emails.value is not phoneNumbers.value)', () => {
    const emails = findAttributeDefinition(USER_RESOURCE_SCHEMA.core.attributes, 'emails')!;
    const phones = findAttributeDefinition(USER_RESOURCE_SCHEMA.core.attributes, 'phoneNumbers')!;
    expect(maxLengthOf(findAttributeDefinition(emails.subAttributes, 'value')!)).toBe(320);
    expect(maxLengthOf(findAttributeDefinition(phones.subAttributes, 'value')!)).toBe(64);
    expect(maxLengthOf(findAttributeDefinition(USER_RESOURCE_SCHEMA.core.attributes, 'nickName')!)).toBe(256);
    expect(maxLengthOf(findAttributeDefinition(USER_RESOURCE_SCHEMA.core.attributes, 'profileUrl')!)).toBe(
      RESOURCE_LIMITS.defaultReferenceLength,
    );
    expect(maxLengthOf(findAttributeDefinition(emails.subAttributes, 'type')!)).toBe(
      RESOURCE_LIMITS.defaultStringLength,
    );
    expect(maxLengthOf(findAttributeDefinition(USER_RESOURCE_SCHEMA.core.attributes, 'active')!)).toBeUndefined();
  });

  it('every indexed attribute fits a btree entry even at 3 bytes of UTF-8 per character', () => {
    for (const name of ['userName', 'displayName', 'externalId', 'emails.value', 'members.value']) {
      // 64: the tenant id, the index's first column.
      expect({ name, fits: ATTRIBUTE_MAX_LENGTH[name] * 3 + 64 < 2704 }).toEqual({ name, fits: true });
    }
  });

  it('refuses more values of one multi-valued attribute than valuesPerAttribute', () => {
    const emails = Array.from({ length: RESOURCE_LIMITS.valuesPerAttribute + 1 }, (_, i) => ({
      value: `a${i}@example.com`,
    }));
    const error = scimRefusal(() => validateResource(user({ emails }), USER_RESOURCE_SCHEMA));
    expect(error).toMatchObject({ status: 400, scimType: 'invalidValue' });
    expect(error.detail).toBe(
      `Attribute emails has ${emails.length} values; at most ${RESOURCE_LIMITS.valuesPerAttribute} are accepted.`,
    );
    expect(validateResource(user({ emails: emails.slice(1) }), USER_RESOURCE_SCHEMA).emails).toHaveLength(
      RESOURCE_LIMITS.valuesPerAttribute,
    );
  });

  it('refuses a resource larger than resourceBytes as JSON, even when each value is within its limit', () => {
    const roles = Array.from({ length: RESOURCE_LIMITS.valuesPerAttribute }, (_, i) => ({
      value: `${i}-${'r'.repeat(1000)}`,
    }));
    const error = scimRefusal(() => validateResource(user({ roles }), USER_RESOURCE_SCHEMA));
    expect(error).toMatchObject({ status: 400, scimType: 'invalidValue' });
    expect(error.detail).toMatch(/^The resource is \d+ bytes as JSON; at most 65536 are accepted\.$/);
  });

  it('counts members per request, not per group: POST members and the member values of one PATCH', () => {
    const members = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ value: `m-${from + i}` }));
    const limit = RESOURCE_LIMITS.membersPerRequest;
    expect(
      validateResource({ schemas: [GROUP], displayName: 'big', members: members(limit) }, GROUP_RESOURCE_SCHEMA)
        .members,
    ).toHaveLength(limit);
    expect(
      scimRefusal(() =>
        validateResource({ schemas: [GROUP], displayName: 'big', members: members(limit + 1) }, GROUP_RESOURCE_SCHEMA),
      ).detail,
    ).toContain(`has ${limit + 1} values`);
    const half = limit / 2;
    const twoOps = [
      { op: 'add', path: 'members', value: members(half) },
      { op: 'add', path: 'members', value: members(half + 1, half) },
    ];
    expect(scimRefusal(() => planGroupMemberPatch(twoOps))).toMatchObject({ status: 400, scimType: 'invalidValue' });
    expect(planGroupMemberPatch(twoOps.slice(0, 1)).membersAdded).toHaveLength(half);
  });

  it('refuses a PatchOp with more operations than patchOperations, and a PATCH path longer than a filter', () => {
    const operations = Array.from({ length: RESOURCE_LIMITS.patchOperations + 1 }, () => ({
      op: 'replace',
      path: 'title',
      value: 'x',
    }));
    expect(scimRefusal(() => operationsOfPatchRequest({ schemas: [PATCH_OP], Operations: operations }))).toMatchObject({
      status: 400,
      scimType: 'invalidValue',
    });
    const longPath = `emails[${Array.from({ length: 400 }, (_, i) => `value eq "${i}"`).join(' or ')}]`;
    expect(
      scimRefusal(() => applyPatch(user({}), [{ op: 'remove', path: longPath }], USER_RESOURCE_SCHEMA)),
    ).toMatchObject({ status: 400, scimType: 'invalidPath' });
  });

  it('an operation that is not an object is 400 invalidSyntax, not a crash', () => {
    for (const Operations of [[null], [[]], ['add'], [1]]) {
      expect(scimRefusal(() => operationsOfPatchRequest({ schemas: [PATCH_OP], Operations }))).toMatchObject({
        status: 400,
        scimType: 'invalidSyntax',
      });
    }
  });

  it('longerThan counts code points and stops early', () => {
    expect(longerThan('abc', 3)).toBe(false);
    expect(longerThan('abcd', 3)).toBe(true);
    expect(longerThan('😀😀😀', 3)).toBe(false);
    expect(longerThan('\ud800\ud800\ud800', 3)).toBe(false);
  });
});
