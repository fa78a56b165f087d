/**
 * @lib/audit — the audit API: who had access, with which roles, at any instant. A projection of
 * the event log into status and role intervals with a per-tenant hash chain, its oracle, the
 * auditor credentials and guard, the controllers and streamed exports. See docs/audit.md.
 */
export * from './schema/table-names';
export { auditMigrations } from './migrations';
export * from './model/answers';
export * from './model/audit-event';
export * from './model/interval';
export * from './chain/canonical-json';
export * from './chain/hash-chain';
export * from './csv/csv';
export * from './oracle/audit-oracle';
export * from './projection/audit-reducers';
export * from './projection/audit-handler';
export * from './projection/audit-projector';
export * from './projection/sql';
export * from './queries/audit-queries';
export * from './credentials/auditor-secret';
export * from './credentials/auditor-credentials.service';
export * from './credentials/auditor-credential-answers';
export * from './credentials/auditor.guard';
export * from './http/audit-http-error';
export * from './http/audit-exception.filter';
export * from './http/audit-api.service';
export * from './http/audit-routes';
export * from './http/audit.controller';
export * from './http/auditor-admin.controller';
export * from './audit.module';
