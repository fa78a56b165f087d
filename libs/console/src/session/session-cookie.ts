/**
 * The session cookie. HttpOnly (no script can read it), SameSite=Strict (no other site's page can
 * make the browser send it), Path=/console (the SCIM, admin and audit APIs never see it), and
 * Secure when the console is served over https. No Max-Age: the cookie ends with the browser,
 * and the server enforces idle and absolute expiry whatever the browser keeps.
 */
export const SESSION_COOKIE = 'scim_console';
export const COOKIE_PATH = '/console';

/**
 * The trust rule for Secure: the scheme of PUBLIC_BASE_URL (what clients are told to use), or a
 * TLS connection to this process. X-Forwarded-Proto is not trusted: any client can send it. Behind
 * a TLS-terminating proxy, set PUBLIC_BASE_URL=https://...
 */
export function isSecureOrigin(publicBaseUrl: string | undefined, connectionIsTls: boolean): boolean {
  return connectionIsTls || /^https:\/\//i.test(publicBaseUrl ?? '');
}

export function sessionCookie(sessionId: string, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${sessionId}`,
    `Path=${COOKIE_PATH}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return [
    `${SESSION_COOKIE}=`,
    `Path=${COOKIE_PATH}`,
    'Max-Age=0',
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** The session id from a Cookie header, or undefined. Only the well-formed shape is accepted. */
export function readSessionId(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) {
      const id = value.join('=');
      return /^[A-Za-z0-9_-]{43}$/.test(id) ? id : undefined;
    }
  }
  return undefined;
}
