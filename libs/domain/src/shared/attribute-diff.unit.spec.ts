import { diffAttributes } from './attribute-diff';

describe('diffAttributes', () => {
  it('reports nothing for equal resources, whatever the key order', () => {
    expect(
      diffAttributes(
        { a: 1, name: { givenName: 'A', familyName: 'B' } },
        { name: { familyName: 'B', givenName: 'A' }, a: 1 },
      ),
    ).toEqual([]);
  });

  it('reports added, changed and removed top-level attributes with null for absent', () => {
    expect(diffAttributes({ title: 'Dev', nickName: 'x' }, { title: 'Lead', locale: 'fr' })).toEqual([
      { path: 'locale', before: null, after: 'fr' },
      { path: 'nickName', before: 'x', after: null },
      { path: 'title', before: 'Dev', after: 'Lead' },
    ]);
  });

  it('goes one level into complex attributes and extensions', () => {
    const ext = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    expect(
      diffAttributes(
        { name: { givenName: 'A' }, [ext]: { department: 'R&D' } },
        { name: { givenName: 'B' }, [ext]: { department: 'Ops' } },
      ),
    ).toEqual([
      { path: 'name.givenName', before: 'A', after: 'B' },
      { path: `${ext}:department`, before: 'R&D', after: 'Ops' },
    ]);
  });

  it('reports multi-valued attributes whole', () => {
    expect(diffAttributes({ emails: [{ value: 'a@x' }] }, { emails: [{ value: 'b@x' }] })).toEqual([
      { path: 'emails', before: [{ value: 'a@x' }], after: [{ value: 'b@x' }] },
    ]);
  });
});
