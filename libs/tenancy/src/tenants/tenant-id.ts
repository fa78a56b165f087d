import { DomainError } from '@lib/domain';

/**
 * Tenant ids appear in URLs, stream names and as the HTTP Basic user name, so they are kept
 * plain: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64.
 */
export const TENANT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isTenantId(value: string): boolean {
  return TENANT_ID_PATTERN.test(value);
}

export function assertTenantId(value: string): void {
  if (!isTenantId(value)) {
    throw new DomainError(
      'invalid_value',
      `tenant id "${value.slice(0, 80)}" is invalid: use 1-64 letters, digits, '.', '_' or '-', starting ` +
        `with a letter or digit`,
      'tenancy.tenant_id',
    );
  }
}
