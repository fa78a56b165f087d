import { routeLabel } from './http-setup';

describe('the route label of the request-duration histogram', () => {
  it('names the SCIM endpoints with placeholders for tenant and id', () => {
    expect(routeLabel('/scim/v2/acme/Users')).toBe('/scim/v2/:tenant/Users');
    expect(routeLabel('/scim/v2/acme/Users/42')).toBe('/scim/v2/:tenant/Users/:id');
    expect(routeLabel('/scim/v2/acme/Groups/.search')).toBe('/scim/v2/:tenant/Groups/.search');
    expect(routeLabel('/scim/v2/acme/.search')).toBe('/scim/v2/:tenant/.search');
    expect(routeLabel('/scim/v2/acme/Schemas/urn:ietf:params:scim:schemas:core:2.0:User')).toBe(
      '/scim/v2/:tenant/Schemas/:id',
    );
    expect(routeLabel('/scim/v2/acme')).toBe('/scim/v2/:tenant');
    expect(routeLabel('/health/ready')).toBe('/health');
    expect(routeLabel('/admin/tenants/acme/scim')).toBe('/admin');
  });

  it(
    'keeps a fixed set of values whatever the client makes up (each value is a series held for the life of ' +
      'the process)',
    () => {
      const labels = new Set<string>();
      for (let i = 0; i < 10_000; i++) {
        labels.add(routeLabel(`/scim/v2/t${i}/Made${i}Up`));
        labels.add(routeLabel(`/scim/v2/t/Users/${i}/deeper/${i}`));
        labels.add(routeLabel(`/x${i}`));
        labels.add(routeLabel(`/scim/v2/t/Users/id${i}`));
      }
      expect([...labels].sort()).toEqual(['/scim/v2/:tenant/Users/:id', '/scim/v2/:tenant/other', 'other']);
    },
  );
});
