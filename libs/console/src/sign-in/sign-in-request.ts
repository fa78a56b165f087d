import { InvalidValueError } from '@lib/scim';
import type { ConsoleRole } from '../session/console-session';

export interface SignInRequest {
  role: ConsoleRole;
  credential: string;
}

/** `{"role": "operator" | "auditor", "credential": "..."}`; anything else is a 400 that says what is wrong. */
export function parseSignInRequest(body: unknown): SignInRequest {
  const { role, credential, ...rest } = (body ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (role !== 'operator' && role !== 'auditor') problems.push('role must be "operator" or "auditor"');
  if (typeof credential !== 'string' || credential.trim() === '') problems.push('credential must be a non-empty string');
  else if (credential.length > 1024) problems.push('credential must be at most 1024 characters');
  for (const name of Object.keys(rest)) problems.push(`${name} is not a known field`);
  if (problems.length) throw new InvalidValueError(`Invalid sign-in: ${problems.join('; ')}.`);
  return { role: role as ConsoleRole, credential: (credential as string).trim() };
}
