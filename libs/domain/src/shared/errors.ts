/**
 * Domain errors: Error subclasses carrying a code that the HTTP layer maps to a status and a
 * SCIM scimType in one place. They know nothing of HTTP.
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
    /** Searchable id of the throw site, e.g. `user.provision.exists`. */
    readonly site: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Another resource already holds a value that must be unique (userName). */
export class UniquenessError extends DomainError {
  constructor(message: string, site: string) {
    super('uniqueness', message, site);
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string, site: string) {
    super('not_found', message, site);
  }
}

export class MutabilityError extends DomainError {
  constructor(message: string, site: string) {
    super('mutability', message, site);
  }
}

export class InvalidValueError extends DomainError {
  constructor(message: string, site: string) {
    super('invalid_value', message, site);
  }
}

/** If-Match did not match the resource's current version. */
export class PreconditionFailedError extends DomainError {
  constructor(message: string, site: string) {
    super('precondition_failed', message, site);
  }
}

/** The command contradicts the current state (e.g. the id exists already) or lost a race it cannot retry. */
export class ConflictError extends DomainError {
  constructor(message: string, site: string) {
    super('conflict', message, site);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string, site: string) {
    super('forbidden', message, site);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
