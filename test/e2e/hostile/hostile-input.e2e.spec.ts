import { patch } from '../scim/steps';
import { useScimService } from '../../support/scim-harness';
import { request } from 'node:http';
import { type TestApp } from '../../support/app';
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, PATCH_OP, provisionTenant, user, type ScimTenant } from '../../support/scim';
import {
  BULK_REQUEST,
  expectResource,
  expectScimError,
  filterQuery,
  SEARCH_REQUEST,
  type Json,
} from '../scim/expect-scim';

const deepArray = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;
const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

/** Sends what fetch refuses to send (TRACE, odd methods, a body with any method) and reads the answer as text. */
function rawCall(
  app: TestApp,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const url = new URL(app.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Issue 20: every bad input is a 4xx SCIM error at once, and none of it can stop the service or
 * the read model for anyone. One test per class of input, each with representative cases.
 */
describe('hostile input over HTTP', () => {
  const { app, scim } = useScimService();
  let other: ScimTenant;
  let userId: string;
  let groupId: string;
  beforeAll(async () => {
    other = await provisionTenant(app);
    userId = expectResource(await scim.call('POST', '/Users', user('hostile@example.com')), 201, scim, 'User').id;
    groupId = expectResource(
      await scim.call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Hostile', members: [] }),
      201,
      scim,
      'Group',
    ).id;
  });

  it(
    '§1: a 3,000-character userName, displayName, externalId or emails[0].value is 400 ' +
      'invalidValue naming it; another tenant creates at once',
    async () => {
      const long = 'x'.repeat(3000);
      const probes: Array<[string, Json]> = [
        ['userName', user(long)],
        ['displayName', user('long-display@example.com', { displayName: long })],
        ['externalId', user('long-external@example.com', { externalId: long })],
        [
          'emails[0].value',
          user('long-email@example.com', { emails: [{ value: `${long}@example.com`, type: 'work' }] }),
        ],
      ];
      for (const [attribute, body] of probes) {
        const response = await scim.call('POST', '/Users', body);
        const error = expectScimError(response, 400, 'invalidValue');
        expect({ attribute, detail: error.detail }).toEqual({
          attribute,
          detail: `Attribute ${attribute} is longer than ${attribute === 'emails[0].value' ? 320 : 256} characters.`,
        });
      }
      const started = Date.now();
      const created = await other.call('POST', '/Users', user('after-probes@example.com'));
      expectResource(created, 201, other, 'User');
      // "At once": a stopped projector would make it wait the whole read-your-writes bound (10 s here) and answer 503.
      expect(Date.now() - started).toBeLessThan(8000);
      expectResource(await scim.call('POST', '/Users', user('still-works@example.com')), 201, scim, 'User');
    },
  );

  it('§1: the same limits hold on PUT, PATCH and Bulk, and for a group', async () => {
    const long = 'y'.repeat(3000);
    expectScimError(
      await scim.call('PUT', `/Users/${userId}`, user('hostile@example.com', { displayName: long })),
      400,
      'invalidValue',
    );
    expectScimError(
      await scim.call('PATCH', `/Users/${userId}`, patch({ op: 'replace', path: 'externalId', value: long })),
      400,
      'invalidValue',
    );
    expectScimError(
      await scim.call('PATCH', `/Groups/${groupId}`, patch({ op: 'replace', path: 'displayName', value: long })),
      400,
      'invalidValue',
    );
    expectScimError(
      await scim.call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: long }),
      400,
      'invalidValue',
    );
    const bulk = await scim.call('POST', '/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [{ method: 'POST', path: '/Users', bulkId: 'b', data: user(long) }],
    });
    expect(bulk.status).toBe(200);
    expect((bulk.body.Operations as Json[])[0]).toMatchObject({
      status: '400',
      response: { scimType: 'invalidValue', detail: 'Attribute userName is longer than 256 characters.' },
    });
    expect((await scim.call('GET', `/Users/${userId}`)).body).toMatchObject({ userName: 'hostile@example.com' });
  });

  it(
    '§2: NUL and lone surrogates are 400 invalidValue in a body, a filter or a query, and ' + '404 in a path id',
    async () => {
      const bodies = [
        user('a\u0000b@example.com'),
        user('a\ud800b@example.com'),
        user('ok@example.com', { name: { givenName: '\udfff' } }),
        user('key@example.com', { ['nick\u0000Name']: 'x' }),
      ];
      for (const body of bodies) expectScimError(await scim.call('POST', '/Users', body), 400, 'invalidValue');
      expectScimError(
        await scim.call('PATCH', `/Users/${userId}`, patch({ op: 'replace', path: 'title', value: 'x\u0000' })),
        400,
        'invalidValue',
      );
      for (const filter of ['displayName co "a\\u0000b"', 'userName eq "\\ud800"', 'emails[value eq "\\u0000"]']) {
        expectScimError(await scim.call('GET', `/Users?${filterQuery(filter)}`), 400, 'invalidValue');
        expectScimError(
          await scim.call('POST', '/Users/.search', { schemas: [SEARCH_REQUEST], filter }),
          400,
          'invalidValue',
        );
      }
      expectScimError(await scim.call('GET', '/Users?filter=userName%20eq%20%22a%00b%22'), 400, 'invalidValue');
      expectScimError(await scim.call('GET', '/Users?sortBy=user%00Name'), 400, 'invalidValue');
      for (const id of ['a%00b', '%00', '%ED%A0%80', '%E0%80', 'x%ZZ']) {
        expectScimError(await scim.call('GET', `/Users/${id}`), 404);
        expectScimError(await scim.call('DELETE', `/Groups/${id}`), 404);
      }
    },
  );

  it(
    '§2: the list that killed the process (a NUL filter and an unknown sortBy) is a 400, and ' +
      'the service keeps serving',
    async () => {
      expectScimError(
        await scim.call('GET', `/Groups?${filterQuery('displayName co "a\\u0000b"')}&sortBy=nope`),
        400,
        'invalidValue',
      );
      expectScimError(
        await scim.call('GET', `/Groups?${filterQuery('meta.created lt "-271821-04-20T00:00:00Z"')}&sortBy=nope`),
        400,
      );
      expectScimError(
        await scim.call('GET', `/Groups?${filterQuery('meta.created lt "-271821-04-20T00:00:00Z"')}`),
        400,
        'invalidFilter',
      );
      expectScimError(
        await scim.call('GET', `/Groups?${filterQuery('displayName co "a"')}&sortBy=nope`),
        400,
        'invalidValue',
      );
      expect((await scim.call('GET', '/Groups?count=1')).status).toBe(200);
    },
  );

  it(
    '§3 deep nesting: 400 at once, wherever the nesting is (body, resource, SearchRequest, ' +
      'PATCH value, Bulk data)',
    async () => {
      for (const levels of [33, 10_000, 100_000]) {
        const bodies: Array<[string, string, string]> = [
          ['POST', '/Users', deepArray(levels)],
          [
            'POST',
            '/Users',
            `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"deep@example.com",` +
              `"name":${deepObject(levels)}}`,
          ],
          ['POST', '/Users/.search', `{"schemas":["${SEARCH_REQUEST}"],"filter":${deepArray(levels)}}`],
          ['POST', '/.search', `{"schemas":["${SEARCH_REQUEST}"],"attributes":${deepObject(levels)}}`],
          [
            'PATCH',
            `/Users/${userId}`,
            `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"replace","path":"title","value":${deepArray(levels)}}]}`,
          ],
          [
            'POST',
            '/Bulk',
            `{"schemas":["${BULK_REQUEST}"],"Operations":[{"method":"POST","path":"/Users","bulkId":"d",` +
              `"data":${deepObject(levels)}}]}`,
          ],
        ];
        for (const [method, path, body] of bodies) {
          const started = Date.now();
          expectScimError(await scim.call(method, path, body), 400, 'invalidSyntax');
          expect(Date.now() - started).toBeLessThan(5000);
        }
      }
      expectResource(
        await scim.call(
          'POST',
          '/Users',
          user('shallow@example.com', { [ENTERPRISE_SCHEMA]: { manager: { value: userId } } }),
        ),
        201,
        scim,
        'User',
      );
    },
  );

  it('§3 wrong types: 400 with a SCIM body, never a 500', async () => {
    const cases: Array<[string, string, unknown, number?]> = [
      ['POST', '/Users', { ...user('types1@example.com'), schemas: 'urn:ietf:params:scim:schemas:core:2.0:User' }],
      ['POST', '/Users', { ...user('types2@example.com'), userName: 5 }],
      ['POST', '/Users', { ...user('types3@example.com'), name: ['Ada'] }],
      ['POST', '/Users', { ...user('types4@example.com'), emails: { value: 5 } }],
      ['POST', '/Users', { ...user('types5@example.com'), active: 'maybe' }],
      ['POST', '/Users', { ...user('types6@example.com'), [ENTERPRISE_SCHEMA]: [1, 2] }],
      ['POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'types', members: 'everyone' }],
      ['POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: { a: 1 } }],
      ['POST', '/Users/.search', { schemas: [SEARCH_REQUEST], filter: 5, count: 'ten' }],
      ['POST', '/.search', { schemas: [SEARCH_REQUEST], startIndex: [1], attributes: 'userName' }],
      ['PATCH', `/Users/${userId}`, { schemas: [PATCH_OP], Operations: { op: 'replace' } }],
      ['PATCH', `/Users/${userId}`, patch({ op: 5, path: 'title', value: 'x' })],
      ['PATCH', `/Users/${userId}`, patch({ op: 'replace', path: 42, value: 'x' })],
      ['PATCH', `/Groups/${groupId}`, patch({ op: 'replace', path: ['members'], value: [] })],
      ['PATCH', `/Groups/${groupId}`, patch({ op: 'add', path: 'members', value: [{ value: 7 }] })],
      ['POST', '/Bulk', { schemas: [BULK_REQUEST], Operations: 'all' }],
      ['POST', '/Bulk', { schemas: [BULK_REQUEST], failOnErrors: 'x', Operations: [] }],
      ['POST', '/Bulk', { schemas: [BULK_REQUEST], Operations: [{ method: 5, path: '/Users' }] }],
    ];
    for (const [method, path, body] of cases) {
      const response = await scim.call(method, path, body);
      expect({ method, path, body, status: response.status }).toEqual({ method, path, body, status: 400 });
      expectScimError(response, 400);
    }
  });

  it('§3 invalid filters: 400 invalidFilter (or invalidValue for a bad value) on GET and .search', async () => {
    const filters = [
      'userName eq',
      '((((userName eq "a"',
      'userName eq "a"))))',
      'noSuch eq "x"',
      'userName zz "x"',
      '"x"',
      'emails[type eq "work"',
      'meta.created gt "yesterday"',
      `${'('.repeat(2000)}userName eq "x"${')'.repeat(2000)}`,
      'a'.repeat(5000),
      'userName eq "x" and emails[value eq "y" and emails[type eq "z"]]',
    ];
    for (const filter of filters) {
      for (const response of [
        await scim.call('GET', `/Users?${filterQuery(filter)}`),
        await scim.call('POST', '/.search', { schemas: [SEARCH_REQUEST], filter }),
      ]) {
        expect({ filter: filter.slice(0, 60), status: response.status }).toEqual({
          filter: filter.slice(0, 60),
          status: 400,
        });
        expect(['invalidFilter', 'invalidValue']).toContain(expectScimError(response, 400).scimType);
      }
    }
  });

  it('§3 path injection: ids and segments that walk, encode or overflow are 404, never another resource', async () => {
    const paths = [
      '/Users/..',
      '/Users/%2e%2e',
      `/Users/${userId}%2f..%2f..%2fGroups`,
      '/Users/%252e%252e',
      `/Users/${'x'.repeat(5000)}`,
      '/Users/;x=1',
      `/Users/${encodeURIComponent('" or "1"="1')}`,
      '/Users/%C0%AF',
    ];
    for (const path of paths) {
      const response = await scim.call('GET', path);
      expect({ path: path.slice(0, 80), status: response.status }).toEqual({ path: path.slice(0, 80), status: 404 });
      expectScimError(response, 404);
    }
    expectScimError(await scim.call('GET', `/Users/${userId}/x`), 404);
    const foreign = await fetch(`${app.baseUrl}/scim/v2/${other.tenantId}/Users/${userId}`, {
      headers: { authorization: `Bearer ${scim.apiKey}` },
    });
    expect(foreign.status).toBe(401);
  });

  it('§3 PATCH {"Operations":[null]} and friends: 400 invalidSyntax, nothing applied', async () => {
    const before = (await scim.call('GET', `/Users/${userId}`)).body;
    for (const Operations of [[null], [[]], ['replace'], [1], [{ op: 'replace', path: 'title', value: 'x' }, null]]) {
      expectScimError(
        await scim.call('PATCH', `/Users/${userId}`, { schemas: [PATCH_OP], Operations }),
        400,
        'invalidSyntax',
      );
      expectScimError(
        await scim.call('PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations }),
        400,
        'invalidSyntax',
      );
    }
    expect((await scim.call('GET', `/Users/${userId}`)).body).toEqual(before);
  });

  it('§3 Bulk {"Operations":[[]]} and friends: 400 invalidSyntax for the request', async () => {
    for (const Operations of [
      [[]],
      [null],
      ['x'],
      [{ method: 'POST', path: '/Users', bulkId: 'a', data: user('bulk-ok@example.com') }, []],
    ]) {
      expectScimError(await scim.call('POST', '/Bulk', { schemas: [BULK_REQUEST], Operations }), 400, 'invalidSyntax');
    }
    expect(
      (await scim.call('GET', `/Users?${filterQuery('userName eq "bulk-ok@example.com"')}`)).body.totalResults,
    ).toBe(0);
  });

  it('§3 paging: huge, negative and non-numeric startIndex and count are answered, never a 500', async () => {
    for (const query of [
      'startIndex=1e20',
      'startIndex=2147483648',
      'startIndex=9007199254740993',
      'count=1e400',
      'startIndex=abc',
      'count=x',
      'startIndex=1.5',
    ]) {
      expectScimError(await scim.call('GET', `/Groups?${query}`), 400, 'invalidValue');
    }
    // RFC 7644 §3.4.2.4: below 1 reads as 1, a negative count as 0, a count above the maximum as the maximum.
    for (const query of [
      'startIndex=-5',
      'startIndex=-1e20',
      'count=-5',
      'startIndex=0',
      'count=100000',
      'count=1e20',
      'startIndex=2147483647',
    ]) {
      expect({ query, status: (await scim.call('GET', `/Groups?${query}`)).status }).toEqual({ query, status: 200 });
    }
    expectScimError(
      await scim.call('POST', '/Groups/.search', { schemas: [SEARCH_REQUEST], startIndex: 1e20 }),
      400,
      'invalidValue',
    );
    expectScimError(await scim.call('GET', '/Users?cursor=garbage'), 400);
  });

  it('§3 malformed JSON: 400 invalidSyntax', async () => {
    for (const body of [
      '{"userName": ',
      '{"a":1}x',
      "{'a':1}",
      '{"userName": "\\x41"}',
      '',
      '\u0000',
      '{"a":"\u0000"}',
    ]) {
      const response = await fetch(`${scim.base}/Users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${scim.apiKey}`, 'content-type': 'application/scim+json' },
        body,
      });
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.headers.get('content-type')).toContain('application/scim+json');
    }
  });

  it(
    '§3 methods: TRACE is 405 everywhere; OPTIONS on /Groups/.search and /Users/.search ' + 'answers their own Allow',
    async () => {
      for (const path of ['/Users', `/Users/${userId}`, '/Bulk', '/.search', '/ServiceProviderConfig']) {
        const response = await rawCall(app, 'TRACE', `/scim/v2/${scim.tenantId}${path}`, {
          authorization: `Bearer ${scim.apiKey}`,
        });
        expect({ path, status: response.status }).toEqual({ path, status: 405 });
      }
      for (const path of ['/health/live', '/admin/tenants', `/audit/v1/${scim.tenantId}/access`, '/metrics']) {
        const response = await rawCall(app, 'TRACE', path);
        expect({ path, status: response.status, allow: typeof response.headers.allow }).toEqual({
          path,
          status: 405,
          allow: 'string',
        });
        expect(JSON.parse(response.text)).toMatchObject({ status: '405' });
      }
      for (const type of ['Users', 'Groups']) {
        for (const method of ['OPTIONS', 'GET', 'PUT', 'DELETE']) {
          const response = await rawCall(app, method, `/scim/v2/${scim.tenantId}/${type}/.search`, {
            authorization: `Bearer ${scim.apiKey}`,
          });
          expect({ type, method, status: response.status, allow: response.headers.allow }).toEqual({
            type,
            method,
            status: 405,
            allow: 'POST',
          });
        }
      }
    },
  );

  it('§3 headers: a request line over the limit is 431 with a SCIM body; a long filter under it works', async () => {
    const longFilter = `userName eq "${'é'.repeat(4000)}"`;
    const accepted = await scim.call('GET', `/Users?${filterQuery(longFilter)}`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.totalResults).toBe(0);
    const tooLong = await rawCall(app, 'GET', `/scim/v2/${scim.tenantId}/Users?filter=${'a'.repeat(70 * 1024)}`, {
      authorization: `Bearer ${scim.apiKey}`,
    });
    expect(tooLong.status).toBe(431);
    expect(JSON.parse(tooLong.text)).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '431',
    });
    const manyHeaders = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`x-filler-${i}`, 'f'.repeat(1000)]));
    expect(
      (
        await rawCall(app, 'GET', `/scim/v2/${scim.tenantId}/Users?count=1`, {
          authorization: `Bearer ${scim.apiKey}`,
          ...manyHeaders,
        })
      ).status,
    ).toBe(431);
  });

  it('§3 query parameters: repeated, bracketed and very many parameters are answered', async () => {
    expect(
      (await scim.call('GET', `/Users?${filterQuery('userName eq "a"')}&${filterQuery('userName eq "b"')}`)).status,
    ).toBe(400);
    expect((await scim.call('GET', '/Users?filter[a]=x&count[]=1&__proto__[x]=1')).status).toBe(200);
    const many = Array.from({ length: 3000 }, (_, i) => `p${i}=${i}`).join('&');
    expect((await scim.call('GET', `/Users?${many}`)).status).toBe(200);
  });

  it('the service and the read model still serve both tenants afterwards', async () => {
    expectResource(await scim.call('POST', '/Users', user('last@example.com')), 201, scim, 'User');
    expectResource(await other.call('POST', '/Users', user('last@example.com')), 201, other, 'User');
    expect((await fetch(`${app.baseUrl}/health/ready`)).status).toBe(200);
  });
});
