/** Answers of the admin API (docs/tenancy.md, docs/audit.md), as the services declare them. */
export type {
  KeyInfo,
  RotatedKey,
  ScimSetup,
  TenantDetails,
  TenantSummary,
} from '../../../../../libs/tenancy/src/tenants/tenant-answers';
export type {
  AuditorCredentialSummary as AuditorSummary,
  IssuedAuditorCredential as IssuedAuditor,
} from '../../../../../libs/audit/src/credentials/auditor-credential-answers';
