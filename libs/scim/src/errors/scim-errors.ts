import { ScimError, type ScimType } from './scim-error';

/*
 * One class per RFC 7644 §3.12 case, so callers can `catch (e) { if (e instanceof NoTargetError) … }`
 * and the web layer maps every one of them through ScimError.status / toBody(). Every constructor
 * takes the throw site's id first: `throw new NoTargetError('SCIM-a1B2', detail)`.
 */

/** The base class of one case: its status and scimType; the thrower says what went wrong. */
function scimCase(status: number, scimType?: ScimType) {
  return class extends ScimError {
    constructor(site: string, detail: string) {
      super(site, status, scimType, detail);
    }
  };
}

/** The base class of one case whose detail the thrower may leave to the RFC's wording. */
function scimCaseWithDefault(status: number, scimType: ScimType | undefined, defaultDetail: string) {
  return class extends ScimError {
    constructor(site: string, detail = defaultDetail) {
      super(site, status, scimType, detail);
    }
  };
}

/** 400 invalidFilter: the filter syntax was invalid or the attribute/operator combination is not supported. */
export class InvalidFilterError extends ScimError {
  constructor(
    site: string,
    detail: string,
    readonly position?: number,
  ) {
    super(site, 400, 'invalidFilter', detail);
  }
}

/** 400 tooMany: the filter yields too many results for the server to process. */
export class TooManyError extends scimCaseWithDefault(
  400,
  'tooMany',
  'The specified filter yields too many results.',
) {}

/** 409 uniqueness: one or more unique attribute values are already in use (RFC 7644 §3.3). */
export class UniquenessError extends scimCase(409, 'uniqueness') {}

/** 400 mutability: the request tried to change a readOnly or an already-set immutable attribute. */
export class MutabilityError extends scimCase(400, 'mutability') {}

/** 400 invalidSyntax: the request body did not conform to the message schema. */
export class InvalidSyntaxError extends scimCase(400, 'invalidSyntax') {}

/** 400 invalidPath: the PATCH path was invalid or names an unknown attribute. */
export class InvalidPathError extends scimCase(400, 'invalidPath') {}

/** 400 noTarget: the PATCH path or filter matched nothing (RFC 7644 §3.5.2). */
export class NoTargetError extends scimCase(400, 'noTarget') {}

/** 400 invalidValue: a required value is missing or a value has the wrong type. */
export class InvalidValueError extends scimCase(400, 'invalidValue') {}

/** 400 invalidVers: the specified SCIM protocol version is not supported. */
export class InvalidVersionError extends scimCaseWithDefault(
  400,
  'invalidVers',
  'The specified SCIM protocol version is not supported.',
) {}

/** 403 sensitive: the request carried sensitive data in the URI (RFC 7644 §7.5.2). */
export class SensitiveError extends scimCaseWithDefault(
  403,
  'sensitive',
  'The request cannot be completed because of sensitive information in the URI.',
) {}

/** 404: the resource does not exist (RFC 7644 §3.12). */
export class ResourceNotFoundError extends scimCase(404) {}

/** 409 without scimType: version conflict on write (RFC 7644 §3.12). */
export class ConflictError extends scimCase(409) {}

/** 412: `If-Match` did not match the current `meta.version` (RFC 7644 §3.14). */
export class PreconditionFailedError extends scimCaseWithDefault(
  412,
  undefined,
  'The resource version does not match If-Match.',
) {}

/** 413: Bulk request exceeds maxOperations or maxPayloadSize (RFC 7644 §3.7.4). */
export class PayloadTooLargeError extends scimCase(413) {}

/** 401: authorization failure (RFC 7644 §3.12). */
export class UnauthorizedError extends scimCaseWithDefault(401, undefined, 'Authorization failure.') {}

/** 403: the operation is not permitted for this client (RFC 7644 §3.12). */
export class ForbiddenError extends scimCase(403) {}

/** 501: the operation is not implemented (e.g. a disabled feature of ServiceProviderConfig). */
export class NotImplementedError extends scimCase(501) {}

/**
 * 503: the service cannot answer right now (its database is unreachable, a query timed out);
 * nothing was refused for what the request said. `retryAfterSeconds` becomes `Retry-After`.
 */
export class ServiceUnavailableError extends ScimError {
  constructor(
    site: string,
    detail = 'The service is temporarily unavailable; retry shortly.',
    readonly retryAfterSeconds = 2,
  ) {
    super(site, 503, undefined, detail);
  }
}

/** 500: unexpected server error, rendered as a SCIM body. */
export class InternalServerError extends scimCaseWithDefault(500, undefined, 'Internal server error.') {}
