/**
 * @lib/console — the admin console's server side: sign-in with the operator token or an auditor
 * credential, server-side sessions in PostgreSQL, CSRF, the session routes in front of the admin
 * and audit APIs, and the built front end (apps/console) at /console. See docs/console.md.
 */
export { ConsoleModule } from './console.module';
export { consoleMigrations, ConsoleTables } from './migrations';
export { findConsoleBuild } from './static/console-build';
export { SESSION_COOKIE, COOKIE_PATH } from './session/session-cookie';
export { CSRF_HEADER } from './csrf/csrf';
export { SessionPolicy } from './session/console-session';
export { SignInLimits } from './sign-in/sign-in-limiter';
