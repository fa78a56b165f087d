import { parseAuthorization } from './credentials';

describe('parseAuthorization', () => {
  const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

  it('reads Bearer keys, case-insensitively', () => {
    expect(parseAuthorization('Bearer scim_abc')).toEqual({ scheme: 'bearer', key: 'scim_abc' });
    expect(parseAuthorization('bearer   scim_abc ')).toEqual({ scheme: 'bearer', key: 'scim_abc' });
  });

  it('reads Basic user and password; the password may contain colons', () => {
    expect(parseAuthorization(basic('acme:scim_a:b'))).toEqual({ scheme: 'basic', username: 'acme', key: 'scim_a:b' });
  });

  it('turns anything else into an unknown scheme that will fail the same way', () => {
    expect(parseAuthorization('Digest x')).toEqual({ scheme: 'unknown', key: 'x' });
    expect(parseAuthorization(basic('no-colon'))).toMatchObject({ scheme: 'unknown' });
    expect(parseAuthorization('Bearer')).toEqual({ scheme: 'bearer', key: '' });
  });
});
