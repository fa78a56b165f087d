import { DomainError } from '@lib/domain';
import { InvalidFilterError, UniquenessError } from '@lib/scim';
import { errorFacts, scimPathFacts, userNameFrom } from './request-facts';

describe('provisioning log request facts', () => {
  it('keeps the path below the tenant base URL, with resource type and id', () => {
    expect(scimPathFacts('/scim/v2/acme/Users/42?attributes=userName', 'acme')).toEqual({
      path: '/Users/42?attributes=userName',
      resourceType: 'Users',
      resourceId: '42',
    });
    expect(scimPathFacts('/scim/v2/acme/Users?filter=x', 'acme')).toEqual({
      path: '/Users?filter=x',
      resourceType: 'Users',
      resourceId: null,
    });
    expect(scimPathFacts('/scim/v2/acme/ServiceProviderConfig', 'acme')).toMatchObject({
      resourceType: 'ServiceProviderConfig',
      resourceId: null,
    });
    expect(scimPathFacts('/scim/v2/acme', 'acme')).toMatchObject({ path: '/', resourceType: null });
  });

  it('finds the userName in the request, the response or an eq filter', () => {
    expect(userNameFrom({ userName: 'alice' }, undefined, undefined)).toBe('alice');
    expect(userNameFrom(undefined, { id: '1', userName: 'bob' }, undefined)).toBe('bob');
    expect(userNameFrom(undefined, undefined, 'userName eq "carol@x.com"')).toBe('carol@x.com');
    expect(userNameFrom({ password: 'secret' }, undefined, 'displayName eq "x"')).toBeNull();
  });

  it('takes scimType and detail from SCIM and domain errors, and hides internals', () => {
    expect(errorFacts(new UniquenessError('SCIM-test', 'userName alice exists'))).toEqual({
      scimType: 'uniqueness',
      detail: 'userName alice exists',
    });
    expect(errorFacts(new DomainError('uniqueness', 'taken', 'site'))).toEqual({
      scimType: 'uniqueness',
      detail: 'taken',
    });
    expect(errorFacts(new InvalidFilterError('SCIM-test', 'bad'))).toEqual({
      scimType: 'invalidFilter',
      detail: 'bad',
    });
    expect(errorFacts(new Error('connection to 10.0.0.3 refused'))).toEqual({
      scimType: null,
      detail: 'internal error',
    });
  });
});
