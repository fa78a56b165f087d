import { DomainError } from '@lib/domain';
import {
  ConflictError,
  ForbiddenError,
  InvalidValueError,
  MutabilityError,
  PreconditionFailedError,
  ResourceNotFoundError,
  ScimError,
  UniquenessError,
} from '@lib/scim';

/** The one place where domain error codes become SCIM statuses and scimTypes. */
export function scimErrorFromDomain(error: unknown): ScimError | undefined {
  if (!(error instanceof DomainError)) return undefined;
  switch (error.code) {
    case 'uniqueness':
      return new UniquenessError(error.message);
    case 'not_found':
      return new ResourceNotFoundError(error.message);
    case 'mutability':
      return new MutabilityError(error.message);
    case 'invalid_value':
      return new InvalidValueError(error.message);
    case 'precondition_failed':
      return new PreconditionFailedError(error.message);
    case 'conflict':
      return new ConflictError(error.message);
    case 'forbidden':
      return new ForbiddenError(error.message);
  }
}
