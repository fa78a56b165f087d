import { needsTouch, SessionPolicy, sessionState, toView, type ConsoleSession } from './console-session';

describe('console session expiry', () => {
  const start = new Date('2025-03-14T09:00:00Z');
  const at = (ms: number) => new Date(start.getTime() + ms);
  const session: ConsoleSession = {
    role: 'auditor',
    tenantId: 'acme',
    credentialRef: '0123456789abcdef',
    csrfToken: 'csrf',
    createdAt: start,
    lastSeenAt: start,
    expiresAt: at(SessionPolicy.maxLifetimeMs),
  };

  it('ends after 30 idle minutes', () => {
    expect(sessionState(session, at(SessionPolicy.idleTimeoutMs - 1))).toBe('active');
    expect(sessionState(session, at(SessionPolicy.idleTimeoutMs))).toBe('idle_expired');
  });

  it('ends 8 hours after sign-in however active it is', () => {
    const busy = { ...session, lastSeenAt: at(SessionPolicy.maxLifetimeMs - 1000) };
    expect(sessionState(busy, at(SessionPolicy.maxLifetimeMs - 1))).toBe('active');
    expect(sessionState(busy, at(SessionPolicy.maxLifetimeMs))).toBe('expired');
  });

  it('records activity at most once a minute', () => {
    expect(needsTouch(session, at(59_999))).toBe(false);
    expect(needsTouch(session, at(60_000))).toBe(true);
  });

  it('tells the browser its role, tenant, CSRF token and limits, never its id or credential', () => {
    expect(toView(session)).toEqual({
      role: 'auditor',
      tenantId: 'acme',
      csrfToken: 'csrf',
      expiresAt: '2025-03-14T17:00:00.000Z',
      idleTimeoutSeconds: 1800,
    });
  });
});
