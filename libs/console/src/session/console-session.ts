/** Who a console session belongs to: the operator, or an auditor of one tenant (read-only). */
export type ConsoleRole = 'operator' | 'auditor';

export interface ConsoleSession {
  role: ConsoleRole;
  /** The auditor's one tenant; null for the operator. */
  tenantId: string | null;
  /**
   * What the session was granted on: the auditor credential's id (the session ends when that
   * credential is revoked), or a fingerprint of the operator token (it ends when the token changes).
   */
  credentialRef: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** The absolute end, fixed at sign-in. */
  expiresAt: Date;
}

/**
 * Idle and absolute expiry. Idle: no request for IDLE_TIMEOUT ends the session (a console left
 * open on an unattended desk). Absolute: a session never outlives MAX_LIFETIME, active or not,
 * so a stolen cookie is worth a bounded time.
 */
export const SessionPolicy = {
  idleTimeoutMs: 30 * 60 * 1000,
  maxLifetimeMs: 8 * 60 * 60 * 1000,
  /** last_seen_at is written at most this often per session: one UPDATE a minute, not one per request. */
  touchEveryMs: 60 * 1000,
} as const;

export type SessionState = 'active' | 'idle_expired' | 'expired';

export function sessionState(
  session: Pick<ConsoleSession, 'lastSeenAt' | 'expiresAt'>,
  now: Date,
  policy = SessionPolicy,
): SessionState {
  if (now.getTime() >= session.expiresAt.getTime()) return 'expired';
  if (now.getTime() - session.lastSeenAt.getTime() >= policy.idleTimeoutMs) return 'idle_expired';
  return 'active';
}

export function needsTouch(session: Pick<ConsoleSession, 'lastSeenAt'>, now: Date, policy = SessionPolicy): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= policy.touchEveryMs;
}

/** What the browser may know of its session (never the id: that stays in the HttpOnly cookie). */
export interface SessionView {
  role: ConsoleRole;
  tenantId: string | null;
  csrfToken: string;
  expiresAt: string;
  idleTimeoutSeconds: number;
}

export function toView(session: ConsoleSession, policy = SessionPolicy): SessionView {
  return {
    role: session.role,
    tenantId: session.tenantId,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt.toISOString(),
    idleTimeoutSeconds: policy.idleTimeoutMs / 1000,
  };
}
