import { ScimError } from './scim-error';

/*
 * One class per RFC 7644 §3.12 case, so callers can `catch (e) { if (e instanceof NoTargetError) … }`
 * and the web layer maps every one of them through ScimError.status / toBody().
 */

/** 400 invalidFilter: the filter syntax was invalid or the attribute/operator combination is not supported. */
export class InvalidFilterError extends ScimError {
  constructor(
    detail: string,
    readonly position?: number,
  ) {
    super(400, 'invalidFilter', detail);
  }
}

/** 400 tooMany: the filter yields too many results for the server to process. */
export class TooManyError extends ScimError {
  constructor(detail = 'The specified filter yields too many results.') {
    super(400, 'tooMany', detail);
  }
}

/** 409 uniqueness: one or more unique attribute values are already in use (RFC 7644 §3.3). */
export class UniquenessError extends ScimError {
  constructor(detail: string) {
    super(409, 'uniqueness', detail);
  }
}

/** 400 mutability: the request tried to change a readOnly or an already-set immutable attribute. */
export class MutabilityError extends ScimError {
  constructor(detail: string) {
    super(400, 'mutability', detail);
  }
}

/** 400 invalidSyntax: the request body did not conform to the message schema. */
export class InvalidSyntaxError extends ScimError {
  constructor(detail: string) {
    super(400, 'invalidSyntax', detail);
  }
}

/** 400 invalidPath: the PATCH path was invalid or names an unknown attribute. */
export class InvalidPathError extends ScimError {
  constructor(detail: string) {
    super(400, 'invalidPath', detail);
  }
}

/** 400 noTarget: the PATCH path or filter matched nothing (RFC 7644 §3.5.2). */
export class NoTargetError extends ScimError {
  constructor(detail: string) {
    super(400, 'noTarget', detail);
  }
}

/** 400 invalidValue: a required value is missing or a value has the wrong type. */
export class InvalidValueError extends ScimError {
  constructor(detail: string) {
    super(400, 'invalidValue', detail);
  }
}

/** 400 invalidVers: the specified SCIM protocol version is not supported. */
export class InvalidVersionError extends ScimError {
  constructor(detail = 'The specified SCIM protocol version is not supported.') {
    super(400, 'invalidVers', detail);
  }
}

/** 403 sensitive: the request carried sensitive data in the URI (RFC 7644 §7.5.2). */
export class SensitiveError extends ScimError {
  constructor(detail = 'The request cannot be completed because of sensitive information in the URI.') {
    super(403, 'sensitive', detail);
  }
}

/** 404: the resource does not exist (RFC 7644 §3.12). */
export class ResourceNotFoundError extends ScimError {
  constructor(detail: string) {
    super(404, undefined, detail);
  }
}

/** 409 without scimType: version conflict on write (RFC 7644 §3.12). */
export class ConflictError extends ScimError {
  constructor(detail: string) {
    super(409, undefined, detail);
  }
}

/** 412: `If-Match` did not match the current `meta.version` (RFC 7644 §3.14). */
export class PreconditionFailedError extends ScimError {
  constructor(detail = 'The resource version does not match If-Match.') {
    super(412, undefined, detail);
  }
}

/** 413: Bulk request exceeds maxOperations or maxPayloadSize (RFC 7644 §3.7.4). */
export class PayloadTooLargeError extends ScimError {
  constructor(detail: string) {
    super(413, undefined, detail);
  }
}

/** 401: authorization failure (RFC 7644 §3.12). */
export class UnauthorizedError extends ScimError {
  constructor(detail = 'Authorization failure.') {
    super(401, undefined, detail);
  }
}

/** 403: the operation is not permitted for this client (RFC 7644 §3.12). */
export class ForbiddenError extends ScimError {
  constructor(detail: string) {
    super(403, undefined, detail);
  }
}

/** 501: the operation is not implemented (e.g. a disabled feature of ServiceProviderConfig). */
export class NotImplementedError extends ScimError {
  constructor(detail: string) {
    super(501, undefined, detail);
  }
}

/**
 * 503: the service cannot answer right now (its database is unreachable, a query timed out);
 * nothing was refused for what the request said. `retryAfterSeconds` becomes `Retry-After`.
 */
export class ServiceUnavailableError extends ScimError {
  constructor(
    detail = 'The service is temporarily unavailable; retry shortly.',
    readonly retryAfterSeconds = 2,
  ) {
    super(503, undefined, detail);
  }
}

/** 500: unexpected server error, rendered as a SCIM body. */
export class InternalServerError extends ScimError {
  constructor(detail = 'Internal server error.') {
    super(500, undefined, detail);
  }
}
