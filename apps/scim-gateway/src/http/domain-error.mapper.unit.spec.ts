import { DomainError, type DomainErrorCode } from '@lib/domain';
import { scimErrorFromDomain } from './domain-error.mapper';

describe('scimErrorFromDomain', () => {
  it.each<[DomainErrorCode, number, string | undefined]>([
    ['uniqueness', 409, 'uniqueness'],
    ['not_found', 404, undefined],
    ['mutability', 400, 'mutability'],
    ['invalid_value', 400, 'invalidValue'],
    ['precondition_failed', 412, undefined],
    ['conflict', 409, undefined],
    ['forbidden', 403, undefined],
  ])('answers %s with status %d and scimType %s, the message as detail', (code, status, scimType) => {
    const scim = scimErrorFromDomain(new DomainError(code, `a ${code} case`, `test.${code}`));
    expect(scim?.status).toBe(status);
    expect(scim?.toBody()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: String(status),
      ...(scimType ? { scimType } : {}),
      detail: `a ${code} case`,
    });
  });

  it('leaves other errors alone', () => {
    expect(scimErrorFromDomain(new Error('x'))).toBeUndefined();
    expect(scimErrorFromDomain(undefined)).toBeUndefined();
  });
});
