import { CreateTenancyTables1733100000000 } from './1733100000000-create-tenancy-tables';
import { NotifyTenantChanges1765700000000 } from './1765700000000-notify-tenant-changes';

/** Tenancy's migrations, in order; composed into the service's list in libs/platform. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const tenancyMigrations: Function[] = [CreateTenancyTables1733100000000, NotifyTenantChanges1765700000000];
