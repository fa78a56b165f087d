export type Role = 'operator' | 'auditor';

/** What the server tells the browser about its session (the id itself stays in the HttpOnly cookie). */
export interface SessionView {
  role: Role;
  tenantId: string | null;
  csrfToken: string;
  expiresAt: string;
  idleTimeoutSeconds: number;
}
