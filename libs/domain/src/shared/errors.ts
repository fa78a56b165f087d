/**
 * The one domain error: a code that the HTTP layer maps to a status and a SCIM scimType in one
 * table, and the site it was thrown from. It knows nothing of HTTP.
 */
export type DomainErrorCode =
  | 'uniqueness'
  | 'not_found'
  | 'mutability'
  | 'invalid_value'
  | 'precondition_failed'
  | 'conflict'
  | 'forbidden';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Searchable id of the throw site, unique in the code base, e.g. `user.provision.exists`. */
    readonly site: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A domain error, of the given code when one is named. */
export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
