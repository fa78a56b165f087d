import { MutabilityError, NoTargetError } from '../errors';
import { USER_RESOURCE_SCHEMA } from '../schemas/resource-schema';
import { validateResource } from '../schemas/resource-validator';
import { applyPatch } from './apply-patch';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const user = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'u1',
  userName: 'ada',
  emails: [{ value: 'ada@work.example', type: 'work' }],
};

describe('PATCH strictness switches', () => {
  const replaceHome = [{ op: 'replace', path: 'emails[type eq "home"].value', value: 'ada@home.example' }];

  it('creates the value a filtered replace names when none matches (Entra), by default', () => {
    const { resource } = applyPatch(user, replaceHome, USER_RESOURCE_SCHEMA);
    expect(resource.emails).toEqual([
      { value: 'ada@work.example', type: 'work' },
      { value: 'ada@home.example', type: 'home' },
    ]);
  });

  it('answers noTarget for the same operation under strict RFC 7644 §3.5.2.3', () => {
    expect(() => applyPatch(user, replaceHome, USER_RESOURCE_SCHEMA, { createUnmatchedFilteredValues: false })).toThrow(
      NoTargetError,
    );
  });

  it('refuses an add to the readOnly groups attribute with mutability, instead of silently doing nothing', () => {
    expect(() =>
      applyPatch(user, [{ op: 'add', path: 'groups', value: [{ value: 'g1' }] }], USER_RESOURCE_SCHEMA),
    ).toThrow(MutabilityError);
    expect(() =>
      applyPatch(user, [{ op: 'replace', path: 'groups[value eq "g1"].display', value: 'x' }], USER_RESOURCE_SCHEMA),
    ).toThrow(MutabilityError);
  });

  it('still accepts readOnly id sent back unchanged (Okta) and refuses a changed one', () => {
    expect(
      applyPatch(user, [{ op: 'replace', value: { id: 'u1', displayName: 'Ada' } }], USER_RESOURCE_SCHEMA).resource
        .displayName,
    ).toBe('Ada');
    expect(() => applyPatch(user, [{ op: 'replace', value: { id: 'other' } }], USER_RESOURCE_SCHEMA)).toThrow(
      MutabilityError,
    );
  });
});

describe('validateResource with unknown sub-attributes', () => {
  const withManagerId = { ...user, [ENTERPRISE]: { department: 'Finance', manager: { value: 'm1', managerId: '' } } };

  it('drops them in ignore mode (OneLogin templates send manager.managerId)', () => {
    const valid = validateResource(withManagerId, USER_RESOURCE_SCHEMA, { unknownAttributes: 'ignore' });
    expect(valid[ENTERPRISE]).toEqual({ department: 'Finance', manager: { value: 'm1' } });
  });

  it('refuses them in reject mode', () => {
    expect(() => validateResource(withManagerId, USER_RESOURCE_SCHEMA, { unknownAttributes: 'reject' })).toThrow(
      /managerId/,
    );
  });
});
