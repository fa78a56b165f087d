import { patch } from './steps';
import { useScimService } from '../../support/scim-harness';
import {
  ERROR_SCHEMA,
  GROUP_SCHEMA,
  PATCH_OP,
  provisionTenant,
  scimClient,
  user,
  type ScimResponse,
  type ScimTenant,
} from '../../support/scim';
import {
  BULK_REQUEST,
  expectList,
  expectResource,
  expectScimError,
  filterQuery,
  memberIds,
  SEARCH_REQUEST,
  type Json,
} from './expect-scim';

/** RFC 7644 §3.12 error answers over HTTP, and tenant isolation on every endpoint. */
describe('SCIM errors and tenant isolation over HTTP', () => {
  const { app, scim } = useScimService();
  let userId: string;
  beforeAll(async () => {
    userId = expectResource(await scim.call('POST', '/Users', user('errors@example.com')), 201, scim, 'User').id;
  });

  describe('errors are SCIM error bodies with the right status and scimType', () => {
    it(
      '400 invalidFilter for a bad filter (GET, per-type .search, root .search), an unknown ' +
        'attribute, and an unknown operator',
      async () => {
        expectScimError(await scim.call('GET', `/Users?${filterQuery('userName eq')}`), 400, 'invalidFilter');
        expectScimError(await scim.call('GET', `/Users?${filterQuery('userName xx "a"')}`), 400, 'invalidFilter');
        expectScimError(await scim.call('GET', `/Users?${filterQuery('(userName eq "a"')}`), 400, 'invalidFilter');
        expectScimError(
          await scim.call('GET', `/Users?${filterQuery('noSuchAttribute eq "a"')}`),
          400,
          'invalidFilter',
        );
        expectScimError(
          await scim.call('GET', `/Groups?${filterQuery('displayName eq "a" and')}`),
          400,
          'invalidFilter',
        );
        expectScimError(
          await scim.call('POST', '/Users/.search', { schemas: [SEARCH_REQUEST], filter: 'userName eq' }),
          400,
          'invalidFilter',
        );
        expectScimError(
          await scim.call('POST', '/.search', { schemas: [SEARCH_REQUEST], filter: 'userName eq' }),
          400,
          'invalidFilter',
        );
      },
    );

    it('400 invalidPath for a PATCH path naming an unknown attribute or malformed', async () => {
      expectScimError(
        await scim.call('PATCH', `/Users/${userId}`, patch({ op: 'replace', path: 'noSuchAttribute', value: 'x' })),
        400,
        'invalidPath',
      );
      expectScimError(
        await scim.call('PATCH', `/Users/${userId}`, patch({ op: 'replace', path: 'name.noSuchSub', value: 'x' })),
        400,
        'invalidPath',
      );
      expectScimError(
        await scim.call(
          'PATCH',
          `/Users/${userId}`,
          patch({ op: 'replace', path: 'emails[type eq "work"', value: 'x' }),
        ),
        400,
        'invalidPath',
      );
    });

    it('400 noTarget for a filtered remove that matches nothing, and for a remove without a path', async () => {
      expectScimError(
        await scim.call('PATCH', `/Users/${userId}`, patch({ op: 'remove', path: 'emails[type eq "home"]' })),
        400,
        'noTarget',
      );
      expectScimError(await scim.call('PATCH', `/Users/${userId}`, patch({ op: 'remove' })), 400, 'noTarget');
      const read = await scim.call('GET', `/Users/${userId}`);
      expect(read.body.emails).toEqual([{ value: 'errors@example.com', type: 'work', primary: true }]);
    });

    it(
      '400 noTarget for a filtered replace that matches nothing (RFC 7644 §3.5.2.3), on the ' + 'strict profile',
      async () => {
        const response = await scim.call(
          'PATCH',
          `/Users/${userId}`,
          patch({ op: 'replace', path: 'emails[type eq "home"].value', value: 'h@example.com' }),
        );
        expectScimError(response, 400, 'noTarget');
        const read = await scim.call('GET', `/Users/${userId}`);
        expect(read.body.emails).toEqual([{ value: 'errors@example.com', type: 'work', primary: true }]);
      },
    );

    it(
      '400 invalidValue for a missing required attribute, a wrong type, an unknown attribute ' +
        '(strict profile), and a PATCH without a value',
      async () => {
        expectScimError(
          await scim.call('POST', '/Users', { schemas: [user('x').schemas[0]], name: { givenName: 'No' } }),
          400,
          'invalidValue',
        );
        expectScimError(
          await scim.call('POST', '/Users', user('typed@example.com', { active: 'yes' })),
          400,
          'invalidValue',
        );
        expectScimError(
          await scim.call('POST', '/Users', user('unknown@example.com', { favouriteColour: 'green' })),
          400,
          'invalidValue',
        );
        expectScimError(await scim.call('POST', '/Groups', { schemas: [GROUP_SCHEMA] }), 400, 'invalidValue');
        expectScimError(await scim.call('PATCH', `/Users/${userId}`, patch({ op: 'replace', path: 'title' })), 400);
        expectScimError(
          await scim.call('PATCH', `/Users/${userId}`, patch({ op: 'explode', path: 'title', value: 'x' })),
          400,
        );
      },
    );

    it(
      '400 for a malformed body or envelope: invalid JSON, PATCH without the PatchOp schema ' + 'or Operations',
      async () => {
        expectScimError(await scim.call('POST', '/Users', '{"userName": '), 400);
        expectScimError(
          await scim.call('PATCH', `/Users/${userId}`, { Operations: [{ op: 'replace', path: 'title', value: 'x' }] }),
          400,
        );
        expectScimError(await scim.call('PATCH', `/Users/${userId}`, { schemas: [PATCH_OP] }), 400);
      },
    );

    it('400 mutability for writing a readOnly attribute by PATCH (id, meta), never applied', async () => {
      const before = await scim.call('GET', `/Users/${userId}`);
      expectScimError(
        await scim.call('PATCH', `/Users/${userId}`, patch({ op: 'replace', path: 'id', value: 'hijacked' })),
        400,
        'mutability',
      );
      expectScimError(
        await scim.call(
          'PATCH',
          `/Users/${userId}`,
          patch({ op: 'replace', path: 'meta.created', value: '2000-01-01T00:00:00Z' }),
        ),
        400,
        'mutability',
      );
      const after = await scim.call('GET', `/Users/${userId}`);
      expect(after.body).toEqual(before.body);
    });

    it(
      '400 mutability for a PATCH that adds to the readOnly groups of a user (RFC 7644 ' + '§3.5.2), never applied',
      async () => {
        const before = await scim.call('GET', `/Users/${userId}`);
        expectScimError(
          await scim.call('PATCH', `/Users/${userId}`, patch({ op: 'add', path: 'groups', value: [{ value: 'g' }] })),
          400,
          'mutability',
        );
        expect((await scim.call('GET', `/Users/${userId}`)).body).toEqual(before.body);
      },
    );

    it(
      'a PUT whose body carries another id or meta does not apply them (ignored per RFC 7643 ' +
        '§7, or refused with mutability)',
      async () => {
        const before = (await scim.call('GET', `/Users/${userId}`)).body as Json;
        const response = await scim.call('PUT', `/Users/${userId}`, {
          ...user('errors@example.com'),
          id: 'hijacked',
          meta: { created: '2000-01-01T00:00:00Z', resourceType: 'Group' },
        });
        if (response.status === 200) {
          expect(response.body).toMatchObject({
            id: userId,
            meta: { created: before.meta.created, resourceType: 'User' },
          });
        } else {
          expectScimError(response, 400, 'mutability');
        }
        expect((await scim.call('GET', `/Users/${userId}`)).body).toMatchObject({
          id: userId,
          meta: { created: before.meta.created },
        });
        expectScimError(await scim.call('GET', '/Users/hijacked'), 404);
      },
    );

    it(
      "400 mutability for changing an immutable attribute: a group member's value by PATCH " + 'on the sub-attribute',
      async () => {
        const groupId = expectResource(
          await scim.call('POST', '/Groups', {
            schemas: [GROUP_SCHEMA],
            displayName: 'Immutable',
            members: [{ value: userId }],
          }),
          201,
          scim,
          'Group',
        ).id;
        expectScimError(
          await scim.call(
            'PATCH',
            `/Groups/${groupId}`,
            patch({ op: 'replace', path: `members[value eq "${userId}"].value`, value: 'other' }),
          ),
          400,
          'mutability',
        );
        expect(await memberIds(scim, groupId)).toEqual([userId]);
      },
    );

    it(
      '401 with a SCIM body and WWW-Authenticate for no key, a malformed key, an unknown ' +
        'key, and Basic when not enabled',
      async () => {
        for (const authorization of [undefined, 'Bearer', 'Bearer scim_nope_nope', 'Basic dXNlcjpwYXNz']) {
          const response = await fetch(`${scim.base}/Users`, { headers: authorization ? { authorization } : {} });
          expect(response.status).toBe(401);
          expect(response.headers.get('content-type')).toContain('application/scim+json');
          expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
          expect(await response.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '401' });
        }
      },
    );

    it('404 for an unknown id on every verb, and for an unknown endpoint or schema', async () => {
      const missing = '00000000-0000-4000-8000-000000000404';
      for (const type of ['Users', 'Groups']) {
        expectScimError(await scim.call('GET', `/${type}/${missing}`), 404);
        expectScimError(
          await scim.call(
            'PUT',
            `/${type}/${missing}`,
            type === 'Users' ? user('x@example.com') : { schemas: [GROUP_SCHEMA], displayName: 'x' },
          ),
          404,
        );
        expectScimError(
          await scim.call('PATCH', `/${type}/${missing}`, patch({ op: 'replace', path: 'displayName', value: 'x' })),
          404,
        );
        expectScimError(await scim.call('DELETE', `/${type}/${missing}`), 404);
      }
      expectScimError(await scim.call('GET', '/NoSuchEndpoint'), 404);
      expectScimError(await scim.call('GET', '/Schemas/urn:no:such:schema'), 404);
      expectScimError(await scim.call('GET', '/ResourceTypes/Printer'), 404);
    });

    it(
      '405 with Allow for a method the endpoint does not support (PUT/PATCH/DELETE on a ' +
        'collection, DELETE on discovery)',
      async () => {
        const cases: Array<[string, string, string, unknown?]> = [
          ['PUT', '/Users', 'GET, POST', user('x@example.com')],
          ['DELETE', '/Users', 'GET, POST'],
          ['PATCH', '/Users', 'GET, POST', patch({ op: 'replace', path: 'title', value: 'x' })],
          ['PUT', '/Groups', 'GET, POST', { schemas: [GROUP_SCHEMA], displayName: 'x' }],
          ['DELETE', '/Groups', 'GET, POST'],
          ['DELETE', '/ServiceProviderConfig', 'GET'],
          ['POST', '/ServiceProviderConfig', 'GET', {}],
          ['GET', '/Bulk', 'POST'],
          ['POST', `/Users/${userId}`, 'GET, PUT, PATCH, DELETE', user('x@example.com')],
        ];
        for (const [method, path, allowed, body] of cases) {
          const response = await scim.call(method, path, body);
          expect({ method, path, status: response.status }).toEqual({ method, path, status: 405 });
          expectScimError(response, 405);
          expect({ method, path, allow: response.headers.get('allow') }).toEqual({ method, path, allow: allowed });
        }
      },
    );

    it('409 uniqueness for a duplicate userName, case-insensitively, on POST, PUT and PATCH', async () => {
      expectScimError(await scim.call('POST', '/Users', user('ERRORS@example.com')), 409, 'uniqueness');
      const other = expectResource(await scim.call('POST', '/Users', user('other@example.com')), 201, scim, 'User').id;
      expectScimError(await scim.call('PUT', `/Users/${other}`, user('Errors@Example.com')), 409, 'uniqueness');
      expectScimError(
        await scim.call(
          'PATCH',
          `/Users/${other}`,
          patch({ op: 'replace', path: 'userName', value: 'errors@EXAMPLE.com' }),
        ),
        409,
        'uniqueness',
      );
    });

    it('412 for a stale If-Match on PUT, PATCH and DELETE; the resource is unchanged', async () => {
      const read = await scim.call('GET', `/Users/${userId}`);
      const stale = 'W/"999999"';
      expectScimError(
        await scim.call('PUT', `/Users/${userId}`, user('errors@example.com', { title: 'x' }), { 'if-match': stale }),
        412,
      );
      expectScimError(
        await scim.call('PATCH', `/Users/${userId}`, patch({ op: 'replace', path: 'title', value: 'x' }), {
          'if-match': stale,
        }),
        412,
      );
      expectScimError(await scim.call('DELETE', `/Users/${userId}`, undefined, { 'if-match': stale }), 412);
      const after = await scim.call('GET', `/Users/${userId}`);
      expect(after.body).toEqual(read.body);
      const ok = await scim.call(
        'PATCH',
        `/Users/${userId}`,
        patch({ op: 'replace', path: 'title', value: 'Current' }),
        { 'if-match': read.headers.get('etag')! },
      );
      expect(ok.status).toBe(200);
    });

    it('415 for a body that is not JSON, with a SCIM error body; application/json is accepted', async () => {
      expectScimError(await scim.call('POST', '/Users', 'userName=x', { 'content-type': 'text/plain' }), 415);
      expectScimError(await scim.call('PATCH', `/Users/${userId}`, '<x/>', { 'content-type': 'application/xml' }), 415);
      const json = await scim.call('POST', '/Users', user('plainjson@example.com'), {
        'content-type': 'application/json',
      });
      expectResource(json, 201, scim, 'User');
    });
  });

  describe('tenant isolation', () => {
    let a: ScimTenant;
    let b: ScimTenant;
    let aUser: Json;
    let aGroup: Json;
    let bUser: string;
    beforeAll(async () => {
      a = await provisionTenant(app, 'generic');
      b = await provisionTenant(app, 'okta');
      aUser = expectResource(
        await a.call('POST', '/Users', user('shared@example.com', { externalId: 'same-ext' })),
        201,
        a,
        'User',
      );
      aGroup = expectResource(
        await a.call('POST', '/Groups', {
          schemas: [GROUP_SCHEMA],
          displayName: 'Tenant A admins',
          members: [{ value: aUser.id }],
        }),
        201,
        a,
        'Group',
      );
      // The same userName in another tenant is not a conflict.
      bUser = expectResource(
        await b.call('POST', '/Users', user('shared@example.com', { externalId: 'same-ext' })),
        201,
        b,
        'User',
      ).id;
    });

    it(
      "B's key on A's resource ids through B's base URL: 404 on every verb, and A's " + 'resources are unchanged',
      async () => {
        const userBefore = await a.call('GET', `/Users/${aUser.id}`);
        const groupBefore = await a.call('GET', `/Groups/${aGroup.id}`);
        for (const [type, id, body] of [
          ['Users', aUser.id, user('shared@example.com', { title: 'pwned' })],
          ['Groups', aGroup.id, { schemas: [GROUP_SCHEMA], displayName: 'pwned' }],
        ] as const) {
          expectScimError(await b.call('GET', `/${type}/${id}`), 404);
          expectScimError(await b.call('GET', `/${type}/${id}`, undefined, { 'if-none-match': '*' }), 404);
          expectScimError(await b.call('PUT', `/${type}/${id}`, body), 404);
          expectScimError(
            await b.call('PATCH', `/${type}/${id}`, patch({ op: 'replace', path: 'displayName', value: 'pwned' })),
            404,
          );
          expectScimError(await b.call('DELETE', `/${type}/${id}`), 404);
        }
        const bulk = await b.call('POST', '/Bulk', {
          schemas: [BULK_REQUEST],
          Operations: [
            {
              method: 'PATCH',
              path: `/Users/${aUser.id}`,
              data: patch({ op: 'replace', path: 'active', value: false }),
            },
            { method: 'DELETE', path: `/Groups/${aGroup.id}` },
          ],
        });
        expect(bulk.status).toBe(200);
        expect((bulk.body.Operations as Json[]).map((op) => op.status)).toEqual(['404', '404']);
        expect((await a.call('GET', `/Users/${aUser.id}`)).body).toEqual(userBefore.body);
        expect((await a.call('GET', `/Groups/${aGroup.id}`)).body).toEqual(groupBefore.body);
      },
    );

    it("B cannot add A's user to B's group", async () => {
      const bGroup = expectResource(
        await b.call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'B group', members: [] }),
        201,
        b,
        'Group',
      ).id;
      const response = await b.call(
        'PATCH',
        `/Groups/${bGroup}`,
        patch({ op: 'add', path: 'members', value: [{ value: aUser.id }] }),
      );
      expectScimError(response, 400);
      const created = await b.call('POST', '/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: 'B group 2',
        members: [{ value: aUser.id }],
      });
      expectScimError(created, 400);
      expect(await memberIds(b, bGroup)).toEqual([]);
      expect(((await a.call('GET', `/Users/${aUser.id}`)).body.groups as Json[]).map((g) => g.value)).toEqual([
        aGroup.id,
      ]);
    });

    it("B's key on A's base URL: 401 on every endpoint, the same answer as an unknown key", async () => {
      const intruder = scimClient(a.tenantId, a.base, b.apiKey);
      const unknown = scimClient(a.tenantId, a.base, 'scim_0000000000000000_notarealkeyatallnotarealkeyatall000');
      const requests: Array<[string, string, unknown?]> = [
        ['GET', '/Users'],
        ['GET', `/Users/${aUser.id}`],
        ['POST', '/Users', user('intruder@example.com')],
        ['PUT', `/Users/${aUser.id}`, user('shared@example.com')],
        ['PATCH', `/Users/${aUser.id}`, patch({ op: 'replace', path: 'active', value: false })],
        ['DELETE', `/Users/${aUser.id}`],
        ['POST', '/Users/.search', { schemas: [SEARCH_REQUEST] }],
        ['GET', '/Groups'],
        ['GET', `/Groups/${aGroup.id}`],
        ['POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'x' }],
        ['PUT', `/Groups/${aGroup.id}`, { schemas: [GROUP_SCHEMA], displayName: 'x' }],
        ['PATCH', `/Groups/${aGroup.id}`, patch({ op: 'replace', path: 'displayName', value: 'x' })],
        ['DELETE', `/Groups/${aGroup.id}`],
        ['POST', '/Groups/.search', { schemas: [SEARCH_REQUEST] }],
        ['POST', '/.search', { schemas: [SEARCH_REQUEST] }],
        ['POST', '/Bulk', { schemas: [BULK_REQUEST], Operations: [] }],
        ['GET', '/ServiceProviderConfig'],
        ['GET', '/ResourceTypes'],
        ['GET', '/ResourceTypes/User'],
        ['GET', '/Schemas'],
        ['GET', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User'],
      ];
      for (const [method, path, body] of requests) {
        const withB: ScimResponse = await intruder.call(method, path, body);
        const withUnknown: ScimResponse = await unknown.call(method, path, body);
        expect({ method, path, status: withB.status }).toEqual({ method, path, status: 401 });
        expectScimError(withB, 401);
        expect(withB.body).toEqual(withUnknown.body);
        expect(withB.headers.get('www-authenticate')).toBe(withUnknown.headers.get('www-authenticate'));
      }
      expect((await a.call('GET', `/Users/${aUser.id}`)).body).toMatchObject({
        active: true,
        userName: 'shared@example.com',
      });
      expect((await a.call('GET', `/Groups/${aGroup.id}`)).body).toMatchObject({ displayName: 'Tenant A admins' });
    });

    it("list, filter, per-type and root search never return another tenant's data", async () => {
      const bIds = new Set<string>();
      const lists = [
        await b.call('GET', '/Users?count=1000'),
        await b.call('GET', `/Users?${filterQuery('userName eq "shared@example.com"')}`),
        await b.call('GET', `/Users?${filterQuery(`id eq "${aUser.id}"`)}`),
        await b.call('GET', `/Users?${filterQuery('externalId eq "same-ext"')}`),
        await b.call('GET', `/Users?${filterQuery(`groups.value eq "${aGroup.id}"`)}`),
        await b.call('POST', '/Users/.search', { schemas: [SEARCH_REQUEST], filter: 'userName pr' }),
        await b.call('GET', '/Users?cursor=&count=10'),
      ];
      for (const list of lists) for (const resource of expectList(list, b, 'User')) bIds.add(resource.id);
      expect([...bIds]).toEqual([bUser]);
      expectList(await b.call('GET', '/Groups'), b, 'Group').forEach((g) => expect(g.id).not.toBe(aGroup.id));
      expectList(await b.call('GET', `/Groups?${filterQuery('displayName eq "Tenant A admins"')}`), b, 'Group', 0);
      expectList(
        await b.call('POST', '/Groups/.search', {
          schemas: [SEARCH_REQUEST],
          filter: `members.value eq "${aUser.id}"`,
        }),
        b,
        'Group',
        0,
      );
      const root = await b.call('POST', '/.search', { schemas: [SEARCH_REQUEST] });
      expect(root.status).toBe(200);
      const rootIds = (root.body.Resources as Json[]).map((r) => r.id);
      expect(rootIds).not.toContain(aUser.id);
      expect(rootIds).not.toContain(aGroup.id);
      expect(rootIds).toContain(bUser);
      for (const resource of root.body.Resources as Json[])
        expect(resource.meta.location.startsWith(`${b.base}/`)).toBe(true);
    });

    it("discovery documents name the caller's own base URL", async () => {
      const config = await b.call('GET', '/ServiceProviderConfig');
      expect(config.status).toBe(200);
      expect(JSON.stringify(config.body)).not.toContain(a.tenantId);
      const types = await b.call('GET', '/ResourceTypes');
      for (const type of types.body.Resources as Json[]) expect(type.meta.location.startsWith(`${b.base}/`)).toBe(true);
    });
  });
});
