import * as errors from './scim-errors';
import { isScimError, ScimError } from './scim-error';

describe('SCIM errors (RFC 7644 §3.12)', () => {
  it.each([
    [new errors.InvalidFilterError('bad', 3), 400, 'invalidFilter'],
    [new errors.TooManyError(), 400, 'tooMany'],
    [new errors.UniquenessError('userName taken'), 409, 'uniqueness'],
    [new errors.MutabilityError('id is readOnly'), 400, 'mutability'],
    [new errors.InvalidSyntaxError('x'), 400, 'invalidSyntax'],
    [new errors.InvalidPathError('x'), 400, 'invalidPath'],
    [new errors.NoTargetError('x'), 400, 'noTarget'],
    [new errors.InvalidValueError('x'), 400, 'invalidValue'],
    [new errors.InvalidVersionError(), 400, 'invalidVers'],
    [new errors.SensitiveError(), 403, 'sensitive'],
    [new errors.ResourceNotFoundError('Resource 1 not found'), 404, undefined],
    [new errors.PreconditionFailedError(), 412, undefined],
    [new errors.PayloadTooLargeError('too big'), 413, undefined],
    [new errors.ConflictError('version'), 409, undefined],
    [new errors.UnauthorizedError(), 401, undefined],
    [new errors.ForbiddenError('no'), 403, undefined],
    [new errors.NotImplementedError('no'), 501, undefined],
    [new errors.ServiceUnavailableError(), 503, undefined],
    [new errors.InternalServerError(), 500, undefined],
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
    expect(new errors.UniquenessError('userName "a" is taken').toBody()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '409',
      scimType: 'uniqueness',
      detail: 'userName "a" is taken',
    });
  });

  it('is not confused with other errors', () => {
    expect(isScimError(new Error('x'))).toBe(false);
    expect(new ScimError(400, undefined, 'x')).toBeInstanceOf(ScimError);
  });
});
