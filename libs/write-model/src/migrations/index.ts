import { TenantSafeStreamIds1765000000001 } from './1765000000001-tenant-safe-stream-ids';

/** The write model's migrations: the layout of its streams in the PostgreSQL event store. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const writeModelMigrations: Function[] = [TenantSafeStreamIds1765000000001];
