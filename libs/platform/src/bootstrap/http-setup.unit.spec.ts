import { routeLabel } from './http-setup';

describe('the route label of the request-duration histogram', () => {
  it.each([
    ['/scim/v2/acme/Users', '/scim/v2/:tenant/Users'],
    ['/scim/v2/acme/Users/42', '/scim/v2/:tenant/Users/:id'],
    ['/scim/v2/acme/Groups/.search', '/scim/v2/:tenant/Groups/.search'],
    ['/scim/v2/acme/.search', '/scim/v2/:tenant/.search'],
    ['/scim/v2/acme/Schemas/urn:ietf:params:scim:schemas:core:2.0:User', '/scim/v2/:tenant/Schemas/:id'],
    ['/scim/v2/acme', '/scim/v2/:tenant'],
    ['/health/ready', '/health'],
    ['/admin/tenants/acme/scim', '/admin'],
  ])('names %s %s (SCIM endpoints with placeholders for tenant and id)', (path, label) => {
    expect(routeLabel(path)).toBe(label);
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
