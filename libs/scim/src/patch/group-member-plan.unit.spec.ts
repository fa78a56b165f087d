import { InvalidPathError, InvalidValueError } from '../errors';
import { planGroupMemberPatch } from './group-member-plan';

describe('planGroupMemberPatch', () => {
  it('adds by id without any member list', () => {
    expect(
      planGroupMemberPatch([{ op: 'Add', path: 'members', value: [{ value: 'a' }, { value: 'b', display: 'B' }] }]),
    ).toEqual({
      membersAdded: ['a', 'b'],
      membersRemoved: [],
      removedByFilter: [],
      otherOperations: [],
      requiresMemberList: false,
      memberDisplays: { b: 'B' },
    });
  });

  it("notes the display sent with an added member (the last add wins), never a removal's", () => {
    const plan = planGroupMemberPatch([
      {
        op: 'add',
        path: 'members',
        value: [
          { value: 'a', display: 'First' },
          { value: 'b', display: 'Bee' },
        ],
      },
      { op: 'add', path: 'members', value: [{ value: 'a', display: 'Ada' }] },
      { op: 'remove', path: 'members', value: [{ value: 'b', display: 'Bee' }] },
      { op: 'remove', path: 'members', value: [{ value: 'c', display: 'Sea' }] },
      { op: 'add', path: 'members', value: [{ value: 'c' }] },
    ]);
    expect(plan).toMatchObject({ membersAdded: ['a', 'c'], membersRemoved: ['b'], memberDisplays: { a: 'Ada' } });
    expect(
      planGroupMemberPatch([
        { op: 'replace', path: 'members', value: [{ value: 'a', display: 'Ada' }, { value: 'b' }] },
      ]).memberDisplays,
    ).toEqual({ a: 'Ada' });
    expect(
      planGroupMemberPatch([{ op: 'replace', value: { members: [{ value: 'a', display: 'Ada' }] } }]).memberDisplays,
    ).toEqual({ a: 'Ada' });
  });

  it('removes by filter (Okta, Entra with flag) and by value list (Entra default)', () => {
    const plan = planGroupMemberPatch([
      { op: 'remove', path: 'members[value eq "a"]' },
      { op: 'Remove', path: 'members', value: [{ value: 'b' }] },
      { op: 'remove', path: 'MEMBERS[VALUE eq "c" or value eq "d"]' },
    ]);
    expect(plan.membersRemoved).toEqual(['a', 'b', 'c', 'd']);
    expect(plan.removedByFilter).toEqual(['a', 'c', 'd']);
    expect(plan.membersReplacedWith).toBeUndefined();
  });

  it('replace of members replaces the whole set, including []', () => {
    expect(planGroupMemberPatch([{ op: 'replace', path: 'members', value: [] }]).membersReplacedWith).toEqual([]);
    expect(planGroupMemberPatch([{ op: 'remove', path: 'members' }]).membersReplacedWith).toEqual([]);
    const plan = planGroupMemberPatch([
      { op: 'replace', path: 'members', value: [{ value: 'a' }, { value: 'b' }] },
      { op: 'add', path: 'members', value: [{ value: 'c' }] },
      { op: 'remove', path: 'members[value eq "a"]' },
    ]);
    expect(plan.membersReplacedWith).toEqual(['b', 'c']);
    expect(plan.membersAdded).toEqual([]);
  });

  it('nets out an add followed by a remove of the same id, in order', () => {
    const plan = planGroupMemberPatch([
      { op: 'add', path: 'members', value: [{ value: 'a' }] },
      { op: 'remove', path: 'members[value eq "a"]' },
      { op: 'remove', path: 'members[value eq "b"]' },
      { op: 'add', path: 'members', value: { value: 'b' } },
    ]);
    expect(plan.membersAdded).toEqual(['b']);
    expect(plan.membersRemoved).toEqual(['a']);
  });

  it('separates other attribute operations, including from a no-path value (Okta rename)', () => {
    const plan = planGroupMemberPatch([
      { op: 'replace', value: { id: 'g1', displayName: 'Renamed', members: [{ value: 'x' }] } },
      { op: 'replace', path: 'displayName', value: 'Again' },
    ]);
    expect(plan.membersReplacedWith).toEqual(['x']);
    expect(plan.otherOperations).toEqual([
      { op: 'replace', value: { id: 'g1', displayName: 'Renamed' } },
      { op: 'replace', path: 'displayName', value: 'Again' },
    ]);
  });

  it('asks for the member list when ids alone cannot express the operation', () => {
    expect(planGroupMemberPatch([{ op: 'remove', path: 'members[display eq "Babs"]' }]).requiresMemberList).toBe(true);
    expect(
      planGroupMemberPatch([{ op: 'replace', path: 'members[value eq "a"].display', value: 'A' }]).requiresMemberList,
    ).toBe(true);
  });

  it('rejects malformed member values and paths', () => {
    expect(() => planGroupMemberPatch([{ op: 'add', path: 'members', value: [{ display: 'no id' }] }])).toThrow(
      InvalidValueError,
    );
    expect(() => planGroupMemberPatch([{ op: 'add', path: 'members[', value: [] }])).toThrow(InvalidPathError);
  });
});
