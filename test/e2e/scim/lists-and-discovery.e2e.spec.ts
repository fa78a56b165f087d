import { useScimService } from '../../support/scim-harness';
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, user, USER_SCHEMA } from '../../support/scim';
import {
  expectList,
  expectResource,
  expectScimJson,
  filterQuery,
  LIST_RESPONSE,
  SEARCH_REQUEST,
  type Json,
} from './expect-scim';

const MAX_RESULTS = 5;
const NAMES = ['delta', 'alpha', 'echo', 'charlie', 'bravo', 'foxtrot', 'golf'];

/**
 * List, filter, sort and paging (index and RFC 9865 cursor), attributes/excludedAttributes, POST
 * .search at the root and per type, and the discovery documents telling the truth about limits.
 * SCIM_MAX_RESULTS is lowered to 5 so the cap is observable with few users.
 */
describe('SCIM lists, search and discovery over HTTP', () => {
  const { app, scim } = useScimService({
    env: {
      SCIM_MAX_RESULTS: String(MAX_RESULTS),
      BULK_MAX_OPERATIONS: '7',
      MAX_PAYLOAD_BYTES: '65536',
    },
  });
  const ids: Record<string, string> = {};
  let groupId: string;
  beforeAll(async () => {
    for (const name of NAMES) {
      const extra = {
        title: name === 'alpha' || name === 'bravo' ? 'Lead' : 'Engineer',
        [ENTERPRISE_SCHEMA]: { department: name.length > 4 ? 'R&D' : 'Ops' },
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
      };
      ids[name] = expectResource(
        await scim.call('POST', '/Users', user(`${name}@lists.example`, extra)),
        201,
        scim,
        'User',
      ).id;
    }
    groupId = expectResource(
      await scim.call('POST', '/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: 'Leads',
        members: [{ value: ids.alpha }, { value: ids.bravo }],
      }),
      201,
      scim,
      'Group',
    ).id;
  });

  describe('paging', () => {
    it('startIndex/count pages through every user exactly once, in a stable order', async () => {
      const seen: string[] = [];
      for (let start = 1; start <= NAMES.length; start += 3) {
        const page = await scim.call('GET', `/Users?startIndex=${start}&count=3&sortBy=userName`);
        const resources = expectList(page, scim, 'User', NAMES.length);
        expect(page.body.startIndex).toBe(start);
        seen.push(...resources.map((r) => r.userName));
      }
      expect(seen).toEqual([...NAMES].sort().map((n) => `${n}@lists.example`));
    });

    it('count=0 returns totalResults only (no resources)', async () => {
      const response = await scim.call('GET', '/Users?count=0');
      expect(expectList(response, scim, 'User', NAMES.length)).toEqual([]);
      expect(response.body.itemsPerPage).toBe(0);
    });

    it(
      'caps count at the advertised maximum (filter.maxResults / pagination.maxPageSize), ' + 'and defaults within it',
      async () => {
        const capped = await scim.call('GET', '/Users?count=1000');
        expect(expectList(capped, scim, 'User', NAMES.length)).toHaveLength(MAX_RESULTS);
        const byDefault = await scim.call('GET', '/Users');
        expect(expectList(byDefault, scim, 'User', NAMES.length).length).toBeLessThanOrEqual(MAX_RESULTS);
      },
    );

    it('startIndex past the end gives an empty page with the total; startIndex < 1 is read as 1', async () => {
      const past = await scim.call('GET', '/Users?startIndex=100&count=2');
      expect(expectList(past, scim, 'User', NAMES.length)).toEqual([]);
      const zero = await scim.call('GET', '/Users?startIndex=0&count=2&sortBy=userName');
      expect(zero.body.startIndex).toBe(1);
      expect(expectList(zero, scim, 'User', NAMES.length)[0].userName).toBe('alpha@lists.example');
    });

    it(
      'cursor paging (RFC 9865): cursor= starts, nextCursor continues, the last page has ' + 'none, every user once',
      async () => {
        const seen: string[] = [];
        let cursor = '';
        for (let pages = 0; pages < 10; pages++) {
          const page = await scim.call('GET', `/Users?cursor=${encodeURIComponent(cursor)}&count=3`);
          const resources = expectList(page, scim, 'User', NAMES.length);
          seen.push(...resources.map((r) => r.id));
          if (page.body.nextCursor === undefined) break;
          expect(page.body.nextCursor).toEqual(expect.any(String));
          expect(page.body.nextCursor).not.toBe('');
          cursor = String(page.body.nextCursor);
        }
        expect(seen).toHaveLength(NAMES.length);
        expect(new Set(seen)).toEqual(new Set(Object.values(ids)));
      },
    );

    it('cursor paging through POST /Users/.search', async () => {
      const first = await scim.call('POST', '/Users/.search', { schemas: [SEARCH_REQUEST], cursor: '', count: 4 });
      expect(expectList(first, scim, 'User', NAMES.length)).toHaveLength(4);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await scim.call('POST', '/Users/.search', {
        schemas: [SEARCH_REQUEST],
        cursor: first.body.nextCursor,
        count: 4,
      });
      const rest = expectList(second, scim, 'User', NAMES.length);
      expect(rest).toHaveLength(NAMES.length - 4);
      expect(second.body.nextCursor).toBeUndefined();
    });

    it('an invalid cursor is a 400 SCIM error (RFC 9865 invalidCursor)', async () => {
      const response = await scim.call('GET', '/Users?cursor=not-a-real-cursor&count=2');
      expect(response.status).toBe(400);
      expectScimJson(response);
      expect(response.body).toMatchObject({ status: '400' });
    });
  });

  describe('sorting and filtering', () => {
    it('sortBy userName descending, and ascending', async () => {
      const desc = expectList(
        await scim.call('GET', `/Users?sortBy=userName&sortOrder=descending&count=${MAX_RESULTS}`),
        scim,
        'User',
        NAMES.length,
      );
      expect(desc.map((r) => r.userName)).toEqual(
        [...NAMES]
          .sort()
          .reverse()
          .slice(0, MAX_RESULTS)
          .map((n) => `${n}@lists.example`),
      );
      const asc = expectList(
        await scim.call('GET', '/Users?sortBy=userName&sortOrder=ascending&count=2'),
        scim,
        'User',
      );
      expect(asc.map((r) => r.userName)).toEqual(['alpha@lists.example', 'bravo@lists.example']);
    });

    it('filters with and/or/not, sw/co/pr, value paths and URN-qualified paths', async () => {
      const cases: Array<[string, string[]]> = [
        ['title eq "Lead"', ['alpha', 'bravo']],
        ['title eq "Lead" and userName sw "b"', ['bravo']],
        ['userName sw "a" or userName sw "e"', ['alpha', 'echo']],
        ['not (title eq "Engineer")', ['alpha', 'bravo']],
        ['emails[type eq "work" and value co "golf"]', ['golf']],
        [`${ENTERPRISE_SCHEMA}:department eq "Ops"`, ['echo', 'golf']],
        ['userName ew "@lists.example" and title pr and not (userName co "o")', ['alpha', 'charlie', 'delta']],
      ];
      for (const [filter, expected] of cases) {
        const found = expectList(await scim.call('GET', `/Users?${filterQuery(filter)}&sortBy=userName`), scim, 'User');
        expect({ filter, names: found.map((r) => r.userName.split('@')[0]) }).toEqual({ filter, names: expected });
      }
    });

    it('filters groups by displayName and by members.value', async () => {
      expect(
        expectList(await scim.call('GET', `/Groups?${filterQuery('displayName eq "leads"')}`), scim, 'Group', 1)[0].id,
      ).toBe(groupId);
      expect(
        expectList(
          await scim.call('GET', `/Groups?${filterQuery(`members.value eq "${ids.alpha}"`)}`),
          scim,
          'Group',
          1,
        )[0].id,
      ).toBe(groupId);
      expectList(await scim.call('GET', `/Groups?${filterQuery(`members.value eq "${ids.golf}"`)}`), scim, 'Group', 0);
    });
  });

  describe('attributes and excludedAttributes', () => {
    it('attributes=userName returns id, schemas, meta (returned: always) and userName only', async () => {
      const read = await scim.call('GET', `/Users/${ids.alpha}?attributes=userName`);
      expect(read.status).toBe(200);
      expect(Object.keys(read.body).sort()).toEqual(['id', 'meta', 'schemas', 'userName'].sort());
      const list = await scim.call('GET', `/Users?attributes=userName,name.givenName&count=1`);
      const [first] = list.body.Resources as Json[];
      expect(Object.keys(first).sort()).toEqual(['id', 'meta', 'name', 'schemas', 'userName'].sort());
      expect(first.name).toEqual({ givenName: 'Ada' });
    });

    it('excludedAttributes drops default attributes but never id or schemas', async () => {
      const read = await scim.call('GET', `/Users/${ids.alpha}?excludedAttributes=emails,name,id,groups`);
      expect(read.status).toBe(200);
      expect(read.body).not.toHaveProperty('emails');
      expect(read.body).not.toHaveProperty('name');
      expect(read.body).not.toHaveProperty('groups');
      expect(read.body.id).toBe(ids.alpha);
      expect(read.body.schemas).toEqual(expect.any(Array));
      expect(read.body.userName).toBe('alpha@lists.example');
    });

    it(
      'group members are excluded with excludedAttributes=members (GET, list, .search) and ' + 'included by default',
      async () => {
        expect((await scim.call('GET', `/Groups/${groupId}`)).body.members).toHaveLength(2);
        expect((await scim.call('GET', `/Groups/${groupId}?excludedAttributes=members`)).body).not.toHaveProperty(
          'members',
        );
        const listed = await scim.call('GET', '/Groups?excludedAttributes=members');
        expect((listed.body.Resources as Json[])[0]).not.toHaveProperty('members');
        const searched = await scim.call('POST', '/Groups/.search', {
          schemas: [SEARCH_REQUEST],
          excludedAttributes: ['members'],
        });
        expect((searched.body.Resources as Json[])[0]).not.toHaveProperty('members');
        const onlyName = await scim.call('GET', `/Groups/${groupId}?attributes=displayName`);
        expect(Object.keys(onlyName.body).sort()).toEqual(['displayName', 'id', 'meta', 'schemas']);
      },
    );

    it('attributes apply to the answer of a write too', async () => {
      const created = await scim.call('POST', '/Users?attributes=userName', user('projected@lists.example'));
      expect(created.status).toBe(201);
      expect(Object.keys(created.body).sort()).toEqual(['id', 'meta', 'schemas', 'userName']);
      expect((await scim.call('DELETE', `/Users/${created.body.id}`)).status).toBe(204);
    });
  });

  describe('POST .search', () => {
    it('per type: the same answer as GET with the same parameters', async () => {
      const viaGet = await scim.call(
        'GET',
        `/Users?${filterQuery('title eq "Lead"')}&sortBy=userName&attributes=userName`,
      );
      const viaPost = await scim.call('POST', '/Users/.search', {
        schemas: [SEARCH_REQUEST],
        filter: 'title eq "Lead"',
        sortBy: 'userName',
        attributes: ['userName'],
      });
      expect(viaPost.status).toBe(200);
      expectScimJson(viaPost);
      expect(viaPost.body).toEqual(viaGet.body);
    });

    it('at the root: users and groups together, each with its own meta.resourceType', async () => {
      const response = await scim.call('POST', '/.search', {
        schemas: [SEARCH_REQUEST],
        count: MAX_RESULTS,
        startIndex: 1,
      });
      expect(response.status).toBe(200);
      expectScimJson(response);
      expect(response.body).toMatchObject({
        schemas: [LIST_RESPONSE],
        totalResults: NAMES.length + 1,
        startIndex: 1,
        itemsPerPage: MAX_RESULTS,
      });
      const last = await scim.call('POST', '/.search', {
        schemas: [SEARCH_REQUEST],
        count: MAX_RESULTS,
        startIndex: NAMES.length,
      });
      const types = (last.body.Resources as Json[]).map((r) => r.meta.resourceType);
      expect(types).toEqual(['User', 'Group']);
      const groupOnly = await scim.call('POST', '/.search', {
        schemas: [SEARCH_REQUEST],
        filter: 'displayName eq "Leads"',
      });
      expect((groupOnly.body.Resources as Json[]).map((r) => r.id)).toEqual(expect.arrayContaining([groupId]));
    });

    it('refuses a SearchRequest without its schema (400) and a GET on .search', async () => {
      const response = await scim.call('POST', '/Users/.search', { filter: 'userName pr' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ status: '400' });
    });
  });

  describe('discovery tells the truth', () => {
    it('/ServiceProviderConfig advertises the limits this instance enforces', async () => {
      const response = await scim.call('GET', '/ServiceProviderConfig');
      expect(response.status).toBe(200);
      expectScimJson(response);
      const config = response.body as Json;
      expect(config.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig']);
      expect(config).toMatchObject({
        patch: { supported: true },
        bulk: { supported: true, maxOperations: 7, maxPayloadSize: 65536 },
        filter: { supported: true, maxResults: MAX_RESULTS },
        changePassword: { supported: false },
        sort: { supported: true },
        etag: { supported: true },
      });
      expect(config.authenticationSchemes).toEqual([expect.objectContaining({ type: 'oauthbearertoken' })]);
      if (config.pagination)
        expect(config.pagination).toMatchObject({ cursor: true, index: true, maxPageSize: MAX_RESULTS });
      expect(config.meta).toMatchObject({
        resourceType: 'ServiceProviderConfig',
        location: `${scim.base}/ServiceProviderConfig`,
      });
    });

    it('/ServiceProviderConfig lists HTTP Basic only while the tenant has it turned on', async () => {
      const basic = (enabled: boolean) =>
        fetch(`${app.baseUrl}/admin/tenants/${scim.tenantId}/scim/basic-auth`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${app.operatorToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ enabled }),
        });
      expect((await basic(true)).status).toBeLessThan(300);
      try {
        const schemes = (await scim.call('GET', '/ServiceProviderConfig')).body.authenticationSchemes as Json[];
        expect(schemes.map((scheme) => scheme.type)).toEqual(['oauthbearertoken', 'httpbasic']);
      } finally {
        expect((await basic(false)).status).toBeLessThan(300);
      }
      const schemes = (await scim.call('GET', '/ServiceProviderConfig')).body.authenticationSchemes as Json[];
      expect(schemes.map((scheme) => scheme.type)).toEqual(['oauthbearertoken']);
    });

    it('/ResourceTypes lists User (with the enterprise extension) and Group, each also by id', async () => {
      const response = await scim.call('GET', '/ResourceTypes');
      expect(response.status).toBe(200);
      expectScimJson(response);
      expect(response.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 2 });
      const types = response.body.Resources as Json[];
      const userType = types.find((t) => t.id === 'User')!;
      expect(userType).toMatchObject({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
        name: 'User',
        endpoint: '/Users',
        schema: USER_SCHEMA,
        schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
        meta: { resourceType: 'ResourceType', location: `${scim.base}/ResourceTypes/User` },
      });
      expect(types.find((t) => t.id === 'Group')).toMatchObject({
        name: 'Group',
        endpoint: '/Groups',
        schema: GROUP_SCHEMA,
      });
      for (const type of types) {
        const byId = await scim.call('GET', `/ResourceTypes/${type.id}`);
        expect(byId.status).toBe(200);
        expect(byId.body).toEqual(type);
      }
    });

    it('/Schemas lists User, Group and the enterprise extension with their attributes, each also by id', async () => {
      const response = await scim.call('GET', '/Schemas');
      expect(response.status).toBe(200);
      expectScimJson(response);
      const schemas = response.body.Resources as Json[];
      expect(schemas.map((s) => s.id)).toEqual(expect.arrayContaining([USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE_SCHEMA]));
      const userSchema = schemas.find((s) => s.id === USER_SCHEMA)!;
      const userName = (userSchema.attributes as Json[]).find((a) => a.name === 'userName');
      expect(userName).toMatchObject({ type: 'string', required: true, uniqueness: 'server', caseExact: false });
      const groups = (userSchema.attributes as Json[]).find((a) => a.name === 'groups');
      expect(groups).toMatchObject({ mutability: 'readOnly', multiValued: true });
      const members = (schemas.find((s) => s.id === GROUP_SCHEMA)!.attributes as Json[]).find(
        (a) => a.name === 'members',
      )!;
      const memberTypes = (members.subAttributes as Json[]).find((a) => a.name === 'type');
      expect(members.multiValued).toBe(true);
      expect(memberTypes?.canonicalValues ?? ['User']).toEqual(expect.arrayContaining(['User']));
      for (const schema of schemas) {
        expect(schema.meta).toMatchObject({ resourceType: 'Schema', location: `${scim.base}/Schemas/${schema.id}` });
        const byId = await scim.call('GET', `/Schemas/${schema.id}`);
        expect(byId.status).toBe(200);
        expect(byId.body).toEqual(schema);
      }
    });

    it('discovery needs the tenant key like every SCIM endpoint', async () => {
      const response = await fetch(`${scim.base}/ServiceProviderConfig`);
      expect(response.status).toBe(401);
    });
  });
});
