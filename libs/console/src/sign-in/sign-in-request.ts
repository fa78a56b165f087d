import { InvalidValueError } from '@lib/scim';
import type { ConsoleRole } from '../session/console-session';

export interface SignInRequest {
  role: ConsoleRole;
  credential: string;
  /** An auditor's tenant: an auditor credential is one of its tenant's (it lives in that tenant's stream). */
  tenantId?: string;
}

/**
 * `{"role": "operator", "credential": "..."}` or `{"role": "auditor", "tenantId": "...", "credential": "..."}`;
 * anything else is a 400 that says what is wrong.
 */
export function parseSignInRequest(body: unknown): SignInRequest {
  const { role, credential, tenantId, ...rest } = (body ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (role !== 'operator' && role !== 'auditor') problems.push('role must be "operator" or "auditor"');
  if (role === 'auditor' && (typeof tenantId !== 'string' || tenantId.trim() === '' || tenantId.length > 64))
    problems.push('tenantId must be the tenant id (1 to 64 characters) for an auditor');
  if (role === 'operator' && tenantId !== undefined) problems.push('tenantId is for auditors only');
  if (typeof credential !== 'string' || credential.trim() === '')
    problems.push('credential must be a non-empty string');
  else if (credential.length > 1024) problems.push('credential must be at most 1024 characters');
  for (const name of Object.keys(rest)) problems.push(`${name} is not a known field`);
  if (problems.length) throw new InvalidValueError('SCIM-hJP9', `Invalid sign-in: ${problems.join('; ')}.`);
  return {
    role: role as ConsoleRole,
    credential: (credential as string).trim(),
    ...(role === 'auditor' ? { tenantId: (tenantId as string).trim() } : {}),
  };
}
