import {
  carriesPersonalData,
  erasedPersonalData,
  holdsPersonalData,
  joinPersonalData,
  personalDataSubject,
  splitPersonalData,
} from './personal-data';

const updated = {
  tenantId: 't1',
  userId: 'u1',
  userName: 'ada@example.com',
  changes: [
    { path: 'name.familyName', before: null, after: 'Lovelace' },
    { path: 'title', before: 'Dev', after: 'Lead' },
  ],
  resource: { userName: 'ada@example.com', title: 'Lead', name: { familyName: 'Lovelace' } },
};

describe('personal data of events', () => {
  it('keeps ids, status and the names of changed attributes readable, and nothing personal', () => {
    const { kept, personal } = splitPersonalData('UserUpdated', updated);
    expect(kept).toEqual({ tenantId: 't1', userId: 'u1', changes: [{ path: 'name.familyName' }, { path: 'title' }] });
    expect(JSON.stringify(kept)).not.toMatch(/Lovelace|Lead|Dev|ada@/);
    expect(personal).toEqual({ userName: updated.userName, changes: updated.changes, resource: updated.resource });
  });

  it('keeps active on a provisioning and the reason of a release', () => {
    const provisioned = {
      tenantId: 't1',
      userId: 'u1',
      userName: 'a',
      externalId: 'x',
      active: false,
      resource: { userName: 'a' },
    };
    expect(splitPersonalData('UserProvisioned', provisioned).kept).toEqual({
      tenantId: 't1',
      userId: 'u1',
      active: false,
    });
    expect(
      splitPersonalData('UserNameReleased', { tenantId: 't1', userId: 'u1', userName: 'a', reason: 'renamed' }).kept,
    ).toEqual({ tenantId: 't1', userId: 'u1', reason: 'renamed' });
  });

  it('joins the two parts back into the data as decided', () => {
    const { kept, personal } = splitPersonalData('UserUpdated', updated);
    expect(joinPersonalData(kept, personal)).toEqual(updated);
  });

  it('reads an erased event as empty personal attributes with the kept part and a marker', () => {
    const { kept } = splitPersonalData('UserUpdated', updated);
    expect(erasedPersonalData('UserUpdated', kept)).toEqual({
      tenantId: 't1',
      userId: 'u1',
      userName: '',
      resource: {},
      changes: [
        { path: 'name.familyName', before: null, after: null },
        { path: 'title', before: null, after: null },
      ],
      erased: true,
    });
    expect(erasedPersonalData('UserProvisioned', { tenantId: 't1', userId: 'u1', active: true })).toEqual({
      tenantId: 't1',
      userId: 'u1',
      active: true,
      userName: '',
      externalId: null,
      resource: {},
      erased: true,
    });
  });

  it('names the user events, reservations and member displays as holding personal data, and nothing else', () => {
    for (const type of [
      'UserProvisioned',
      'UserUpdated',
      'UserDeactivated',
      'UserReactivated',
      'UserActiveAttributeChanged',
      'UserDeleted',
      'UserNameReserved',
      'UserNameReleased',
      'GroupMembersAdded',
    ]) {
      expect(holdsPersonalData(type)).toBe(true);
    }
    for (const type of [
      'UserErased',
      'GroupCreated',
      'GroupRenamed',
      'GroupMembersRemoved',
      'TenantCreated',
      'ScimApiKeyIssued',
    ])
      expect(holdsPersonalData(type)).toBe(false);
    // A membership add carries personal data only when the client sent a display.
    expect(carriesPersonalData('GroupMembersAdded', { memberIds: ['u1'], displays: {} })).toBe(false);
    expect(carriesPersonalData('GroupMembersAdded', { memberIds: ['u1'], displays: { u1: 'Ada' } })).toBe(true);
    expect(carriesPersonalData('UserDeleted', { userId: 'u1', userName: 'ada' })).toBe(true);
  });

  it('finds the subject by tenant and user id; of a membership add, its one member', () => {
    expect(personalDataSubject(updated)).toEqual({ tenantId: 't1', userId: 'u1' });
    expect(personalDataSubject({ tenantId: 't1' })).toBeNull();
    expect(personalDataSubject({ tenantId: 't1', groupId: 'g1', memberIds: ['u7'] }, 'GroupMembersAdded')).toEqual({
      tenantId: 't1',
      userId: 'u7',
    });
    expect(
      personalDataSubject({ tenantId: 't1', groupId: 'g1', memberIds: ['u7', 'u8'] }, 'GroupMembersAdded'),
    ).toBeNull();
  });
});
