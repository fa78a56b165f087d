/**
 * Every call of the console goes to /console/api on the same origin. The session lives in an
 * HttpOnly cookie the script cannot read; what the script holds is the session's CSRF token, sent
 * with every state-changing request. No token or credential is ever kept in the browser.
 */
export const API_BASE = '/console/api';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken = '';
let onSessionEnded: () => void = () => undefined;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when any answer says the session is gone (401), so the app can show the sign-in page. */
export function whenSessionEnds(callback: () => void): void {
  onSessionEnded = callback;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(`${API_BASE}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('Retry-After') ?? '') || undefined;
    if (response.status === 401 && path !== '/session') onSessionEnded();
    throw new ApiError(response.status, messageOf(data) ?? `The service answered ${response.status}.`, retryAfter);
  }
  return data as T;
}

/** SCIM error bodies carry `detail`; the audit API's carry `error.message`. */
function messageOf(data: unknown): string | undefined {
  const body = data as { detail?: unknown; error?: { message?: unknown }; message?: unknown } | undefined;
  const message = body?.detail ?? body?.error?.message ?? body?.message;
  return typeof message === 'string' ? message : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'The service could not be reached. Check the connection and try again.';
}
