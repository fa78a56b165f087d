import { InvalidValueError } from '@lib/scim';

/**
 * The strict profile's check that no boolean arrives as a string: "True"/"False" are Entra's
 * habit, accepted only under the Entra-compatible profiles. Looks at the attributes SCIM defines
 * as boolean (active, primary) wherever they appear in a body or a PATCH value.
 */
export function rejectStringBooleans(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach((item) => rejectStringBooleans(item));
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const name = key.split(/[.:]/).pop()!.toLowerCase();
    if ((name === 'active' || name === 'primary') && typeof inner === 'string') {
      throw new InvalidValueError(
        'SCIM-bmDT',
        `${key} must be a JSON boolean, not the string ${JSON.stringify(inner)}.`,
      );
    }
    rejectStringBooleans(inner);
  }
}

/**
 * The same check on PATCH operations, whose boolean may sit alone under a path
 * (`"path": "active", "value": "False"`).
 */
export function rejectStringBooleansInPatch(operations: ReadonlyArray<{ path?: string; value?: unknown }>): void {
  for (const operation of operations) {
    const target = operation.path
      ?.split(/[.:\]]/)
      .pop()
      ?.toLowerCase();
    if ((target === 'active' || target === 'primary') && typeof operation.value === 'string') {
      throw new InvalidValueError(
        'SCIM-tefi',
        `${operation.path} must be a JSON boolean, not the string ${JSON.stringify(operation.value)}.`,
      );
    }
    rejectStringBooleans(operation.value);
  }
}
