import { clearedSessionCookie, isSecureOrigin, readSessionId, sessionCookie } from './session-cookie';

describe('the console session cookie', () => {
  const id = 'A'.repeat(21) + '_' + 'b'.repeat(20) + '-';

  it('is HttpOnly, SameSite=Strict and scoped to /console; Secure only when asked', () => {
    expect(sessionCookie(id, false)).toBe(`scim_console=${id}; Path=/console; HttpOnly; SameSite=Strict`);
    expect(sessionCookie(id, true)).toBe(`scim_console=${id}; Path=/console; HttpOnly; SameSite=Strict; Secure`);
    expect(clearedSessionCookie(true)).toBe(
      'scim_console=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict; Secure',
    );
  });

  it('is Secure for an https PUBLIC_BASE_URL or a TLS connection, never because of a header a client can send', () => {
    expect(isSecureOrigin('https://scim.example.com', false)).toBe(true);
    expect(isSecureOrigin('HTTPS://scim.example.com/base', false)).toBe(true);
    expect(isSecureOrigin('http://127.0.0.1:3000', false)).toBe(false);
    expect(isSecureOrigin(undefined, false)).toBe(false);
    expect(isSecureOrigin('http://127.0.0.1:3000', true)).toBe(true);
  });

  it('is read back from a Cookie header among others, and only in its exact shape', () => {
    expect(readSessionId(`theme=dark; scim_console=${id}; other=1`)).toBe(id);
    expect(readSessionId(undefined)).toBeUndefined();
    expect(readSessionId('scim_console=')).toBeUndefined();
    expect(readSessionId(`scim_console=${id}x`)).toBeUndefined();
    expect(readSessionId(`xscim_console=${id}`)).toBeUndefined();
    expect(readSessionId('scim_console=../../etc/passwd')).toBeUndefined();
  });
});
