import { constantTimeEquals } from '../shared/secrets';

/** The header a state-changing console request carries its CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

export interface CsrfInput {
  method: string;
  /** The X-CSRF-Token header as sent. */
  presentedToken: string | string[] | undefined;
  origin: string | undefined;
  /**
   * The hosts (host[:port]) this service is reached at: the request's Host header and the host of
   * PUBLIC_BASE_URL (a proxy may send its own Host upstream while the browser names the public one).
   */
  hosts: Array<string | undefined>;
}

/**
 * Why a request must be refused as a possible cross-site request forgery, or undefined when it may
 * go on. A state-changing request needs the synchronizer token of its session (compared in
 * constant time) and, when the browser names its Origin, an origin of this host. Reading requests
 * change nothing and need neither. SameSite=Strict already keeps other sites' requests from
 * carrying the cookie; this is the second, independent lock.
 */
export function csrfProblem(input: CsrfInput, sessionToken: string): string | undefined {
  if (!isStateChanging(input.method)) return undefined;
  if (input.origin !== undefined && !fromHost(input.origin, input.hosts))
    return 'The request comes from another origin.';
  const presented = Array.isArray(input.presentedToken) ? '' : (input.presentedToken ?? '');
  if (!presented) return `The request carries no CSRF token: send the session's token in ${CSRF_HEADER}.`;
  if (!constantTimeEquals(presented, sessionToken)) return 'The CSRF token does not match this session.';
  return undefined;
}

function fromHost(origin: string, hosts: Array<string | undefined>): boolean {
  try {
    const host = new URL(origin).host;
    return hosts.some((candidate) => candidate !== undefined && candidate.toLowerCase() === host);
  } catch {
    return false; // "null" and other opaque origins
  }
}
