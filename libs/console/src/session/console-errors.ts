import { ForbiddenError, ScimError, UnauthorizedError } from '@lib/scim';

/** No session, or one that ended (signed out, idle, past its absolute end, credential revoked). */
export class SessionRequiredError extends UnauthorizedError {
  constructor(site: string) {
    super(site, 'Sign in to the console first (the session is missing or has ended).');
  }
}

export class SessionForbiddenError extends ForbiddenError {}

/** 401 for a refused sign-in. One message per role, the same for every reason (unknown, wrong, revoked). */
export class SignInRefusedError extends UnauthorizedError {
  constructor(site: string, role: 'operator' | 'auditor') {
    super(
      site,
      role === 'operator'
        ? 'Sign-in failed: that is not the operator token (OPERATOR_TOKEN).'
        : 'Sign-in failed: that auditor credential is not valid or has been revoked.',
    );
  }
}

/** 429 after too many failed sign-ins from this address or for this credential. */
export class SignInThrottledError extends ScimError {
  constructor(
    site: string,
    readonly retryAfterSeconds: number,
  ) {
    super(site, 429, undefined, `Too many failed sign-ins; try again in ${retryAfterSeconds} s.`);
  }
}
