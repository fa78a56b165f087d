/**
 * The audit read model's tables. The `_v1` suffix follows the read model's habit: a changed
 * projection gets new tables filled by replay, so a rebuild never edits rows in place.
 */
export const AuditTables = {
  userStatus: 'audit_user_status_v1',
  userNames: 'audit_user_names_v1',
  roles: 'audit_roles_v1',
  roleNames: 'audit_role_names_v1',
  memberships: 'audit_role_memberships_v1',
  records: 'audit_records_v1',
  checkpoints: 'audit_checkpoints_v1',
  credentials: 'audit_auditor_credentials_v1',
  /** One row per erased person (docs/erasure.md). */
  erasures: 'audit_erasures_v1',
} as const;

/** The checkpoint row of the audit projection. */
export const AUDIT_PROJECTION_NAME = 'audit-v1';
