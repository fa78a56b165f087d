import * as errors from './scim-errors';
import { isScimError, ScimError } from './scim-error';

describe('SCIM errors (RFC 7644 §3.12)', () => {
  it.each([
    [new errors.InvalidFilterError('SCIM-test', 'bad', 3), 400, 'invalidFilter'],
    [new errors.TooManyError('SCIM-test'), 400, 'tooMany'],
    [new errors.UniquenessError('SCIM-test', 'userName taken'), 409, 'uniqueness'],
    [new errors.MutabilityError('SCIM-test', 'id is readOnly'), 400, 'mutability'],
    [new errors.InvalidSyntaxError('SCIM-test', 'x'), 400, 'invalidSyntax'],
    [new errors.InvalidPathError('SCIM-test', 'x'), 400, 'invalidPath'],
    [new errors.NoTargetError('SCIM-test', 'x'), 400, 'noTarget'],
    [new errors.InvalidValueError('SCIM-test', 'x'), 400, 'invalidValue'],
    [new errors.InvalidVersionError('SCIM-test'), 400, 'invalidVers'],
    [new errors.SensitiveError('SCIM-test'), 403, 'sensitive'],
    [new errors.ResourceNotFoundError('SCIM-test', 'Resource 1 not found'), 404, undefined],
    [new errors.PreconditionFailedError('SCIM-test'), 412, undefined],
    [new errors.PayloadTooLargeError('SCIM-test', 'too big'), 413, undefined],
    [new errors.ConflictError('SCIM-test', 'version'), 409, undefined],
    [new errors.UnauthorizedError('SCIM-test'), 401, undefined],
    [new errors.ForbiddenError('SCIM-test', 'no'), 403, undefined],
    [new errors.NotImplementedError('SCIM-test', 'no'), 501, undefined],
    [new errors.ServiceUnavailableError('SCIM-test'), 503, undefined],
    [new errors.InternalServerError('SCIM-test'), 500, undefined],
  ])('%s renders status %d and scimType %s', (error, status, scimType) => {
    expect(error).toBeInstanceOf(Error);
    expect(isScimError(error)).toBe(true);
    expect(error.status).toBe(status);
    const body = error.toBody();
    expect(body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect(body.status).toBe(String(status)); // a string: Okta requires it
    if (scimType) expect(body.scimType).toBe(scimType);
    else expect(body).not.toHaveProperty('scimType');
    expect(body.detail).toBe(error.detail);
    expect(error.name).toBe(error.constructor.name);
  });

  it('the 409 uniqueness body carries scimType so IdPs stop retrying', () => {
    expect(new errors.UniquenessError('SCIM-test', 'userName "a" is taken').toBody()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '409',
      scimType: 'uniqueness',
      detail: 'userName "a" is taken',
    });
  });

  it('is not confused with other errors', () => {
    expect(isScimError(new Error('x'))).toBe(false);
    expect(new ScimError('SCIM-test', 400, undefined, 'x')).toBeInstanceOf(ScimError);
  });
});
