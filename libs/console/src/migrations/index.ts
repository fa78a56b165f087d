import { CreateConsoleTables1765500000000 } from './1765500000000-create-console-tables';

/** The console's migrations, in order; composed into the service's list in libs/platform. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const consoleMigrations: Function[] = [CreateConsoleTables1765500000000];

/** Table names, versioned like the read models' (a changed shape gets a new table). */
export const ConsoleTables = {
  sessions: 'console_sessions_v1',
  signInFailures: 'console_sign_in_failures_v1',
} as const;
