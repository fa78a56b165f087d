import { SetMetadata } from '@nestjs/common';

/**
 * Which credential a route takes. The global RequireAuthSchemeGuard refuses any route that
 * declares none and is not @Public(), so a new controller cannot be left open by mistake.
 */
export type AuthScheme = 'scim' | 'operator' | 'auditor';
export const AUTH_SCHEME = 'authScheme';
export const RequiresAuth = (scheme: AuthScheme) => SetMetadata(AUTH_SCHEME, scheme);
