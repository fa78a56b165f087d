import { groupVersion, revisionOfVersion, userVersion } from './versions';

describe('versions', () => {
  it('round-trips user and group versions to their stream revision', () => {
    expect(revisionOfVersion(userVersion(4))).toBe(4);
    expect(revisionOfVersion(groupVersion(2, 1841))).toBe(2);
  });

  it('accepts the weak ETag form and rejects foreign ones', () => {
    expect(revisionOfVersion('W/"7"')).toBe(7);
    expect(revisionOfVersion('W/"3.99"')).toBe(3);
    expect(revisionOfVersion('"abc"')).toBeNull();
    expect(revisionOfVersion('*')).toBeNull();
  });
});
