import { publicBaseUrl, scimBaseUrl } from './scim-base-url';

describe('scimBaseUrl', () => {
  it.each([
    [
      { PUBLIC_BASE_URL: 'https://scim.example.com', HOST: '127.0.0.1', PORT: 3000 },
      'https://scim.example.com/scim/v2/acme',
    ],
    [
      { PUBLIC_BASE_URL: 'https://example.com/idm//', HOST: '0.0.0.0', PORT: 3000 },
      'https://example.com/idm/scim/v2/acme',
    ],
    [{ HOST: '10.0.0.5', PORT: 8080 }, 'http://10.0.0.5:8080/scim/v2/acme'],
    [{ HOST: '0.0.0.0', PORT: 8080 }, 'http://localhost:8080/scim/v2/acme'],
  ])('builds the base URL from %j', (address, expected) => {
    expect(scimBaseUrl(address, 'acme')).toBe(expected);
  });

  it('encodes the tenant id as one path segment', () => {
    expect(scimBaseUrl({ HOST: 'h', PORT: 1 }, 'a/b c')).toBe('http://h:1/scim/v2/a%2Fb%20c');
  });

  it('takes the port the server listens on when PUBLIC_BASE_URL is unset', () => {
    expect(publicBaseUrl({ HOST: '127.0.0.1', PORT: 0 }, 43210)).toBe('http://127.0.0.1:43210');
    expect(publicBaseUrl({ PUBLIC_BASE_URL: 'https://x.test', HOST: '127.0.0.1', PORT: 0 }, 43210)).toBe(
      'https://x.test',
    );
  });
});
