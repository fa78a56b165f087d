import { isDomainError, type DomainErrorCode } from '@lib/domain';
import { ScimError, type ScimType } from '@lib/scim';

/** The one place where domain error codes become SCIM statuses and scimTypes (RFC 7644 §3.12). */
const SCIM_ANSWER_OF: Record<DomainErrorCode, { status: number; scimType?: ScimType }> = {
  uniqueness: { status: 409, scimType: 'uniqueness' },
  not_found: { status: 404 },
  mutability: { status: 400, scimType: 'mutability' },
  invalid_value: { status: 400, scimType: 'invalidValue' },
  precondition_failed: { status: 412 },
  conflict: { status: 409 },
  forbidden: { status: 403 },
};

/** The SCIM error a domain error answers; undefined for anything else. */
export function scimErrorFromDomain(error: unknown): ScimError | undefined {
  if (!isDomainError(error)) return undefined;
  const { status, scimType } = SCIM_ANSWER_OF[error.code];
  return new ScimError(error.site, status, scimType, error.message);
}
