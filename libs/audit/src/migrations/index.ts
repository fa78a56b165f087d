import { CreateAuditV11734200000000 } from './1734200000000-create-audit-v1';
import { AuditPersonalData1765800000001 } from './1765800000001-audit-personal-data';

/** The audit library's migrations, in order; composed into `allMigrations` by libs/platform. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const auditMigrations: Function[] = [CreateAuditV11734200000000, AuditPersonalData1765800000001];
