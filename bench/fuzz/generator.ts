import { gzipSync } from 'node:zlib';
import type { Random } from './random';
import { anyJson, encodeAny, longString, nested, nestedText, oddString } from './strings';

/** Instants at and past the ends of what JavaScript and PostgreSQL can hold, and some that are no instant at all. */
const EDGE_INSTANTS = [
  '-271821-04-20T00:00:00Z',
  '275760-09-13T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2020-13-45T99:99:99Z',
  'yesterday',
  '2024-01-01',
];

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

/** One request to send: through node:http, or as raw bytes on a socket (malformed HTTP). */
export interface FuzzRequest {
  kind: Kind;
  method: string;
  /** Path and query, percent-encoded. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** When set, these bytes are written to a socket as they are. */
  raw?: string;
}

/** What the generator knows of the target: the fuzzed tenant, its resources, another tenant's key. */
export interface FuzzTarget {
  tenantId: string;
  apiKey: string;
  otherApiKey: string;
  operatorToken: string;
  userIds: string[];
  groupIds: string[];
}

const KINDS = {
  valid: 18,
  malformedJson: 6,
  wrongTypes: 8,
  oddStrings: 10,
  deepNesting: 5,
  filters: 12,
  paths: 6,
  patch: 10,
  bulk: 6,
  headers: 6,
  methods: 4,
  queryParams: 4,
  rawHttp: 2,
  adminAndAudit: 3,
} as const;

export type Kind = keyof typeof KINDS;

const ATTRIBUTES = [
  'userName',
  'displayName',
  'externalId',
  'title',
  'nickName',
  'name.givenName',
  'emails.value',
  'emails.type',
  'active',
  'meta.created',
  'meta.lastModified',
  'id',
  'groups',
  'members',
  'members.value',
  'USERNAME',
  `${ENTERPRISE_SCHEMA}:employeeNumber`,
  `${ENTERPRISE_SCHEMA}:manager.value`,
  'nope',
  'emails[type eq "work"].value',
  '',
];
const OPERATORS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr', 'EQ', 'xx', ''];

export class RequestGenerator {
  private serial = 0;

  constructor(
    private readonly random: Random,
    private readonly target: FuzzTarget,
  ) {}

  next(): FuzzRequest {
    const kind = this.random.weighted(KINDS);
    return { ...this[kind](), kind } as FuzzRequest;
  }

  private get base(): string {
    return `/scim/v2/${this.target.tenantId}`;
  }

  private auth(): Record<string, string> {
    return { authorization: `Bearer ${this.target.apiKey}` };
  }

  private json(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Omit<FuzzRequest, 'kind'> {
    return {
      method,
      path,
      headers: { ...this.auth(), 'content-type': 'application/scim+json', ...headers },
      body: JSON.stringify(body),
    };
  }

  private userId(): string {
    const r = this.random;
    return this.target.userIds.length && r.chance(0.85)
      ? r.pick(this.target.userIds)
      : r.pick(['00000000-0000-4000-8000-000000000000', 'nope', r.hex(32)]);
  }

  private groupId(): string {
    const r = this.random;
    return this.target.groupIds.length && r.chance(0.85)
      ? r.pick(this.target.groupIds)
      : r.pick(['00000000-0000-4000-8000-000000000000', 'nope', r.hex(32)]);
  }

  private uniqueName(): string {
    return `fuzz-${this.random.seed}-${++this.serial}@example.com`;
  }

  validUser(extra: Record<string, unknown> = {}): Record<string, unknown> {
    const userName = this.uniqueName();
    return {
      schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
      userName,
      externalId: `ext-${this.serial}`,
      displayName: `Fuzz ${this.serial}`,
      name: { givenName: 'Fuzz', familyName: `N${this.serial}` },
      emails: [{ value: userName, type: 'work', primary: true }],
      active: true,
      [ENTERPRISE_SCHEMA]: { employeeNumber: String(this.serial), department: 'QA' },
      ...extra,
    };
  }

  validGroup(extra: Record<string, unknown> = {}): Record<string, unknown> {
    const members = this.target.userIds.slice(0, this.random.int(0, 3)).map((value) => ({ value }));
    return { schemas: [GROUP_SCHEMA], displayName: `Group ${this.random.seed}-${++this.serial}`, members, ...extra };
  }

  private patchOp(...Operations: unknown[]): Record<string, unknown> {
    return { schemas: [PATCH_OP], Operations };
  }

  // ---- categories --------------------------------------------------------------------------

  private valid(): Omit<FuzzRequest, 'kind'> {
    const r = this.random;
    switch (r.int(0, 9)) {
      case 0:
      case 1:
        return this.json('POST', `${this.base}/Users`, this.validUser());
      case 2:
        return this.json('POST', `${this.base}/Groups`, this.validGroup());
      case 3:
        return { method: 'GET', path: `${this.base}/Users/${this.userId()}`, headers: this.auth() };
      case 4:
        return {
          method: 'GET',
          path: `${this.base}/Users?filter=${encodeAny(
            `userName sw "fuzz-${r.seed}"`,
          )}&count=${r.int(0, 50)}&startIndex=${r.int(1, 30)}`,
          headers: this.auth(),
        };
      case 5:
        return this.json(
          'PATCH',
          `${this.base}/Users/${this.userId()}`,
          this.patchOp({
            op: r.pick(['replace', 'Replace']),
            path: r.pick(['active', 'title', 'displayName']),
            value: r.pick([true, false, 'Title', 'Name']),
          }),
        );
      case 6:
        return this.json(
          'PATCH',
          `${this.base}/Groups/${this.groupId()}`,
          this.patchOp({ op: r.pick(['add', 'remove']), path: 'members', value: [{ value: this.userId() }] }),
        );
      case 7:
        return this.json('PUT', `${this.base}/Users/${this.userId()}`, this.validUser());
      case 8:
        return { method: 'GET', path: `${this.base}/Groups?excludedAttributes=members&count=10`, headers: this.auth() };
      default:
        return this.json('POST', `${this.base}/Bulk`, {
          schemas: [BULK_REQUEST],
          Operations: [
            { method: 'POST', path: '/Users', bulkId: 'u1', data: this.validUser() },
            {
              method: 'POST',
              path: '/Groups',
              bulkId: 'g1',
              data: {
                schemas: [GROUP_SCHEMA],
                displayName: `Bulk ${++this.serial}`,
                members: [{ value: 'bulkId:u1' }],
              },
            },
            {
              method: 'PATCH',
              path: '/Groups/bulkId:g1',
              data: this.patchOp({ op: 'replace', path: 'displayName', value: `Bulk renamed ${this.serial}` }),
            },
          ],
        });
    }
  }

  private malformedJson(): Omit<FuzzRequest, 'kind'> {
    const r = this.random;
    const body = r.pick([
      '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":',
      '{"userName": "x",}',
      "{'userName': 'x'}",
      '{"userName": "\\x41"}',
      '{"userName": "\\ud800"}',
      '{"a":1}garbage',
      '\ufeff{"userName":"bom"}',
      'null',
      '[]',
      '"string"',
      '123',
      'true',
      '',
      ' ',
      '{"userName": 1e999999}',
      '{"__proto__": {"admin": true}, "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "proto"}',
      '{"constructor": {"prototype": {"x": 1}}}',
      '{"userName":"a","userName":"b","schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}',
      `{"schemas":["${USER_SCHEMA}"],"userName":"${'\\"'.repeat(1000)}"}`,
      '{"Operations": [',
      '\u0000',
      '{"a":"\u0000"}',
    ]);
    const path = r.pick([
      `${this.base}/Users`,
      `${this.base}/Groups`,
      `${this.base}/Users/${this.userId()}`,
      `${this.base}/Bulk`,
      `${this.base}/.search`,
      `${this.base}/Users/.search`,
    ]);
    return {
      method: r.pick(['POST', 'PUT', 'PATCH']),
      path,
      headers: {
        ...this.auth(),
        'content-type': r.pick(['application/scim+json', 'application/json', 'application/json; charset=utf-8']),
      },
      body,
    };
  }

  private wrongTypes(): Omit<FuzzRequest, 'kind'> {
    const r = this.random;
    const user = this.validUser();
    const keys = [
      'schemas',
      'userName',
      'name',
      'emails',
      'active',
      'externalId',
      'phoneNumbers',
      'addresses',
      'roles',
      'x509Certificates',
      'groups',
      'meta',
      'id',
      ENTERPRISE_SCHEMA,
      'password',
      'photos',
      'profileUrl',
    ];
    for (let i = r.int(1, 3); i > 0; i--) user[r.pick(keys)] = anyJson(r);
    if (r.chance(0.5))
      return this.json(
        r.pick(['POST', 'PUT']),
        r.chance(0.5) ? `${this.base}/Users` : `${this.base}/Users/${this.userId()}`,
        user,
      );
    if (r.chance(0.5))
      return this.json('POST', `${this.base}/Groups`, {
        schemas: anyJson(r),
        displayName: anyJson(r),
        members: anyJson(r),
      });
    return this.json('POST', `${this.base}/${r.pick(['Users/', 'Groups/', ''])}.search`, {
      schemas: r.chance(0.7) ? [SEARCH_REQUEST] : anyJson(r),
      filter: anyJson(r),
      startIndex: anyJson(r),
      count: anyJson(r),
      sortBy: anyJson(r),
      sortOrder: anyJson(r),
      attributes: anyJson(r),
      excludedAttributes: anyJson(r),
      cursor: anyJson(r),
    });
  }

  private oddStrings(): Omit<FuzzRequest, 'kind'> {
    const r = this.random;
    const field = r.pick(['userName', 'displayName', 'externalId', 'title', 'nickName', 'locale']);
    if (r.chance(0.15)) {
      const emails = [{ value: oddString(r), type: oddString(r), primary: true }];
      return this.json('POST', `${this.base}/Users`, this.validUser({ emails }));
    }
    if (r.chance(0.15))
      return this.json(
        'POST',
        `${this.base}/Groups`,
        this.validGroup({
          displayName: oddString(r),
          members: r.chance(0.5) ? [{ value: oddString(r), display: oddString(r) }] : [],
        }),
      );
    if (r.chance(0.15))
      return this.json(
        'PATCH',
        `${this.base}/Users/${this.userId()}`,
        this.patchOp({ op: 'replace', path: field, value: oddString(r) }),
      );
    if (r.chance(0.1))
      return this.json('POST', `${this.base}/Users`, this.validUser({ [oddString(r).slice(0, 200)]: 'key' }));
    return this.json('POST', `${this.base}/Users`, this.validUser({ [field]: oddString(r) }));
  }

  private deepNesting(): Omit<FuzzRequest, 'kind'> {
    const r = this.random;
    const levels = r.pick([20, 33, 100, 1000, 10_000, 100_000]);
    const kind = r.pick(['array', 'object'] as const);
    const inner = nestedText(levels, kind);
    const bodies = [
      inner,
      `{"schemas":["${USER_SCHEMA}"],"userName":"deep-${++this.serial}","name":${inner}}`,
      `{"schemas":["${SEARCH_REQUEST}"],"filter":${inner}}`,
      `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"replace","path":"title","value":${inner}}]}`,
      `{"schemas":["${BULK_REQUEST}"],"Operations":[{"method":"POST","path":"/Users","bulkId":"d","data":${inner}}]}`,
    ];
    const index = r.int(0, bodies.length - 1);
    const path = [
      `${this.base}/Users`,
      `${this.base}/Users`,
      `${this.base}/Users/.search`,
      `${this.base}/Users/${this.userId()}`,
      `${this.base}/Bulk`,
    ][index];
    const method = ['POST', 'POST', 'POST', 'PATCH', 'POST'][index];
    if (r.chance(0.2))
      return this.json(
        'POST',
        `${this.base}/Users`,
        this.validUser({ [ENTERPRISE_SCHEMA]: nested(r.int(5, 40), kind) }),
      );
    return { method, path, headers: { ...this.auth(), 'content-type': 'application/scim+json' }, body: bodies[index] };
  }

  private filterText(): string {
    const r = this.random;
    switch (r.int(0, 6)) {
      case 0: {
        const tokens = [
          'userName',
          ' ',
          'eq',
          'pr',
          'and',
          'or',
          'not',
          '(',
          ')',
          '[',
          ']',
          '"',
          '"x"',
          '\\',
          '.',
          ':',
          'emails',
          'value',
          'true',
          'null',
          '1',
          '-',
          '"\\u0000"',
          '"\\ud800"',
          'meta.created',
        ];
        return Array.from({ length: r.int(1, 30) }, () => r.pick(tokens)).join('');
      }
      case 1:
        return `${r.pick(ATTRIBUTES)} ${r.pick(OPERATORS)} ${JSON.stringify(anyJson(r)) ?? 'null'}`;
      case 2:
        return `${'('.repeat(r.int(1, 3000))}userName eq "x"${')'.repeat(r.int(0, 3000))}`;
      case 3:
        return Array.from({ length: r.int(2, 600) }, (_, i) => `userName eq "u${i}"`).join(
          r.pick([' or ', ' and ', ' or not ']),
        );
      case 4:
        return (
          `meta.${r.pick(['created', 'lastModified'])} ${r.pick(['gt', 'lt', 'eq', 'ge'])} ` +
          `"${r.pick(EDGE_INSTANTS)}"`
        );
      case 5:
        return `emails[${r.pick([
          'type eq "work"',
          'value co "@"',
          'type eq "work" and value ew ".com"',
          'emails[type eq "x"]',
          '',
        ])}]${r.pick(['', '.value', ' pr'])}`;
      default:
        return `${r.pick(ATTRIBUTES)} ${r.pick(OPERATORS)} "${oddString(r).replace(/["\\]/g, '')}"`;
    }
  }

  private filters(): Omit<FuzzRequest, 'kind'> {
    const r = this.random;
    const params: Array<[string, string]> = [['filter', this.filterText()]];
    if (r.chance(0.4)) params.push(['sortBy', r.pick([...ATTRIBUTES, 'nope', oddString(r)])]);
    if (r.chance(0.3)) params.push(['sortOrder', r.pick(['ascending', 'descending', 'up', ''])]);
    if (r.chance(0.4))
      params.push([
        'startIndex',
        r.pick(['1e20', '-1', '0', 'abc', '2147483648', '9007199254740993', '1.5', '', String(r.int(1, 100))]),
      ]);
    if (r.chance(0.4)) params.push(['count', r.pick(['1e20', '-5', '0', 'x', '100000', '1.5', String(r.int(0, 100))])]);
    if (r.chance(0.2))
      params.push([
        'cursor',
        r.pick([
          '',
          'garbage',
          Buffer.from('{"k":null,"id":"x","d":"n","q":"x"}').toString('base64url'),
          longString(r).slice(0, 2000),
        ]),
      ]);
    if (r.chance(0.2))
      params.push([r.pick(['attributes', 'excludedAttributes']), r.pick(ATTRIBUTES) + ',' + oddString(r).slice(0, 50)]);
    if (r.chance(0.25)) {
      return this.json('POST', `${this.base}/${r.pick(['Users/', 'Groups/', ''])}.search`, {
        schemas: [SEARCH_REQUEST],
        ...Object.fromEntries(
          params.map(([k, v]) => [k, /^(startIndex|count)$/.test(k) && r.chance(0.5) ? Number(v) : v]),
        ),
      });
    }
    const query = params.map(([k, v]) => `${k}=${encodeAny(v)}`).join('&');
    return { method: 'GET', path: `${this.base}/${r.pick(['Users', 'Groups'])}?${query}`, headers: this.auth() };
  }

  private paths(): Omit<FuzzRequest, 'kind'> {
    const r = this.random;
    const segment = r.pick([
      '..',
      '%2e%2e',
      '%2e%2e%2fadmin',
      '%00',
      'a%00b',
      '%ud800',
      '%ED%A0%80',
      '%ZZ',
      '%',
      '%C0%AF',
      encodeAny(oddString(r).slice(0, 300)),
      'x'.repeat(r.pick([300, 5000, 20_000])),
      'Users',
      '.search',
      'Bulk',
      ';x=1',
      '~',
      encodeAny('😀'),
    ]);
    const shape = r.pick([
      `${this.base}/Users/${segment}`,
      `${this.base}/Groups/${segment}`,
      `${this.base}/${segment}`,
      `${this.base}/Users/${segment}/x`,
      `/scim/v2/${segment}/Users`,
      `/scim/v2/${this.target.tenantId}%2fUsers`,
      `${this.base}//Users`,
      `${this.base}/Users/${this.userId()}/..`,
      `/scim/v2/${segment}`,
      `/admin/tenants/${segment}`,
      `/audit/v1/${segment}/access`,
      `${this.base}/Schemas/${segment}`,
      `${this.base}/ResourceTypes/${segment}`,
    ]);
    const method = r.pick(['GET', 'GET', 'DELETE', 'PUT', 'PATCH', 'POST']);
    return method === 'GET' || method === 'DELETE'
      ? { method, path: shape, headers: this.auth() }
      : this.json(
          method,
          shape,
          method === 'PATCH' ? this.patchOp({ op: 'replace', path: 'title', value: 'x' }) : this.validUser(),
        );
  }

  private patchPath(): string {
    const r = this.random;
    return r.pick([
      'members',
      `members[value eq "${this.userId()}"]`,
      'members[value eq "x" or value eq "y"]',
      'members[display co "a"]',
      'members.value',
      'emails[type eq "work"].value',
      'emails[type eq "home"]',
      'emails[value co "@"].primary',
      'name.givenName',
      'name.nope',
      `${ENTERPRISE_SCHEMA}:manager.value`,
      ENTERPRISE_SCHEMA,
      `${USER_SCHEMA}:userName`,
      'groups',
      'id',
      'meta.created',
      'displayName',
      'active',
      'emails[',
      'emails]',
      '[',
      'a.b.c.d',
      '',
      `members[value eq "${'x'.repeat(5000)}"]`,
      this.filterText(),
      oddString(r),
    ]);
  }

  private patchOperations(): unknown {
    const r = this.random;
    switch (r.int(0, 9)) {
      case 0:
        return [null];
      case 1:
        return [[]];
      case 2:
        return anyJson(r);
      case 3:
        return Array.from({ length: r.pick([1001, 5000]) }, () => ({ op: 'replace', path: 'title', value: 'x' }));
      case 4:
        return [
          {
            op: 'add',
            path: 'members',
            value: Array.from({ length: r.pick([10, 1000, 10_001]) }, () => ({ value: this.userId() })),
          },
        ];
      default:
        return Array.from({ length: r.int(1, 4) }, () => ({
          ...(r.chance(0.9)
            ? { op: r.pick(['add', 'remove', 'replace', 'Add', 'REPLACE', 'delete', '', 'move']) }
            : {}),
          ...(r.chance(0.8) ? { path: r.chance(0.9) ? this.patchPath() : anyJson(r) } : {}),
          ...(r.chance(0.8)
            ? {
                value: r.chance(0.6)
                  ? anyJson(r)
                  : {
                      displayName: oddString(r),
                      active: 'False',
                      'name.givenName': 'x',
                      members: [{ value: this.userId() }],
                    },
              }
            : {}),
        }));
    }
  }

  private patch(): Omit<FuzzRequest, 'kind'> {
    const r = this.random;
    const Operations = this.patchOperations();
    const body = r.chance(0.9) ? { schemas: r.chance(0.95) ? [PATCH_OP] : anyJson(r), Operations } : anyJson(r);
    const path = r.chance(0.5) ? `${this.base}/Users/${this.userId()}` : `${this.base}/Groups/${this.groupId()}`;
    const headers: Record<string, string> = r.chance(0.2)
      ? { 'if-match': r.pick(['W/"1"', '*', 'garbage', 'W/"W/"3""', '"' + 'x'.repeat(5000) + '"']) }
      : {};
    const query = r.chance(0.2)
      ? `?${r.pick(['attributes', 'excludedAttributes'])}=${encodeAny(r.pick(ATTRIBUTES))}`
      : '';
    return this.json('PATCH', path + query, body, headers);
  }

  private bulk(): Omit<FuzzRequest, 'kind'> {
    const r = this.random;
    const operation = (): unknown => {
      if (r.chance(0.1)) return r.pick([null, [], 'x', 1, {}]);
      const method = r.pick(['POST', 'PUT', 'PATCH', 'DELETE', 'GET', 'post', 'FOO']);
      const bulkId = r.chance(0.7) ? r.pick(['a', 'b', 'c', oddString(r).slice(0, 50)]) : undefined;
      const path = r.pick([
        '/Users',
        '/Groups',
        `/Users/${this.userId()}`,
        `/Groups/${this.groupId()}`,
        '/Users/bulkId:a',
        '/Groups/bulkId:b',
        'Users',
        '/Bulk',
        '/Users/x/y',
        oddString(r).slice(0, 100),
      ]);
      const data = r.pick([
        this.validUser(),
        this.validGroup({ members: [{ value: 'bulkId:a' }] }),
        this.patchOp({ op: 'add', path: 'members', value: [{ value: 'bulkId:a' }] }),
        anyJson(r),
        { schemas: [GROUP_SCHEMA], displayName: 'bulkId:c', members: [{ value: 'bulkId:b' }] },
      ]);
      return {
        method,
        ...(bulkId !== undefined ? { bulkId } : {}),
        path,
        ...(r.chance(0.9) ? { data } : {}),
        ...(r.chance(0.1) ? { version: anyJson(r) } : {}),
      };
    };
    const count = r.pick([0, 1, 2, 3, 5, 1001]);
    const body = {
      schemas: r.chance(0.95) ? [BULK_REQUEST] : anyJson(r),
      ...(r.chance(0.3) ? { failOnErrors: r.pick([0, 1, -1, 'x', 1e20, 1.5, null]) } : {}),
      Operations: r.chance(0.95) ? Array.from({ length: count }, operation) : anyJson(r),
    };
    return this.json('POST', `${this.base}/Bulk`, body);
  }

  private headers(): Omit<FuzzRequest, 'kind'> {
    const r = this.random;
    const headers: Record<string, string> = { ...this.auth() };
    const choice = r.int(0, 9);
    let body: string | Buffer | undefined = JSON.stringify(this.validUser());
    let method = 'POST';
    let path = `${this.base}/Users`;
    headers['content-type'] = 'application/scim+json';
    switch (choice) {
      case 0:
        headers.authorization = r.pick([
          'Bearer',
          'Bearer ',
          `Bearer ${this.target.otherApiKey}`,
          `Basic ${Buffer.from(`${this.target.tenantId}:${this.target.apiKey}`).toString('base64')}`,
          'Basic !!!',
          `Bearer scim_${'0'.repeat(16)}_${'x'.repeat(43)}`,
          `Bearer ${'x'.repeat(8000)}`,
          'Digest x',
          `bearer ${this.target.apiKey}`,
          `Bearer\t${this.target.apiKey}`,
        ]);
        break;
      case 1:
        headers['content-type'] = r.pick([
          'text/plain',
          'application/xml',
          'application/scim+json; charset=utf-16',
          'application/json;;;',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/vnd.foo+json',
          '*/*',
          'application/json; charset=latin1',
        ]);
        if (headers['content-type'].includes('urlencoded')) body = 'userName=x&schemas=y';
        break;
      case 2:
        headers['content-encoding'] = r.pick(['gzip', 'deflate', 'br', 'identity', 'x-unknown', 'gzip, gzip']);
        if (headers['content-encoding'] === 'gzip' && r.chance(0.5)) body = gzipSync(Buffer.from(body));
        if (headers['content-encoding'] === 'gzip' && r.chance(0.2))
          body = gzipSync(Buffer.alloc(r.pick([2, 20]) * 1024 * 1024, 32));
        break;
      case 3:
        method = 'GET';
        path = `${this.base}/Users/${this.userId()}`;
        body = undefined;
        delete headers['content-type'];
        headers['if-none-match'] = r.pick(['*', 'W/"1"', 'garbage', ',,,', '"' + 'x'.repeat(10_000) + '"']);
        break;
      case 4:
        method = 'PUT';
        path = `${this.base}/Users/${this.userId()}`;
        headers['if-match'] = r.pick(['*', 'W/"1"', 'garbage', 'W/', '"', 'W/"W/"3""']);
        break;
      case 5:
        headers['x-request-id'] = r.pick(['x'.repeat(200), 'ok-id', '../../', 'é', '']);
        break;
      case 6:
        headers.accept = r.pick(['text/html', 'application/xml', '*/*', '', 'application/scim+json;q=0']);
        break;
      case 7:
        body = Buffer.alloc(r.pick([1024 * 1024 + 1, 3 * 1024 * 1024]), 32);
        break;
      case 8:
        headers['transfer-encoding'] = 'chunked';
        break;
      default:
        for (let i = 0; i < r.int(1, 80); i++) headers[`x-fuzz-${i}`] = 'y'.repeat(r.int(1, 1000));
    }
    return { method, path, headers, body };
  }

  private methods(): Omit<FuzzRequest, 'kind'> {
    const r = this.random;
    const method = r.pick([
      'TRACE',
      'OPTIONS',
      'HEAD',
      'PROPFIND',
      'MKCOL',
      'LOCK',
      'PURGE',
      'SEARCH',
      'QUERY',
      'DELETE',
      'PUT',
      'PATCH',
    ]);
    const path = r.pick([
      `${this.base}/Users`,
      `${this.base}/Groups/.search`,
      `${this.base}/Users/.search`,
      `${this.base}/Bulk`,
      `${this.base}/.search`,
      `${this.base}/ServiceProviderConfig`,
      `${this.base}/Schemas`,
      `${this.base}/Users/${this.userId()}`,
      '/health/live',
      '/admin/tenants',
      `/audit/v1/${this.target.tenantId}/access`,
      '/',
    ]);
    return { method, path, headers: this.auth() };
  }

  private queryParams(): Omit<FuzzRequest, 'kind'> {
    const r = this.random;
    const pairs: string[] = [];
    switch (r.int(0, 4)) {
      case 0:
        for (let i = 0; i < r.pick([100, 1500, 3000]); i++) pairs.push(`p${i}=${i}`);
        break;
      case 1:
        for (let i = 0; i < r.int(2, 20); i++) pairs.push(`filter=${encodeAny(`userName eq "${i}"`)}`);
        break;
      case 2:
        pairs.push(
          `filter[a]=${encodeAny('userName eq "x"')}`,
          'count[]=1',
          'startIndex[$gt]=1',
          '__proto__[x]=1',
          'constructor=1',
        );
        break;
      case 3:
        pairs.push(`attributes=${encodeAny(Array.from({ length: r.pick([10, 2000]) }, (_, i) => `a${i}`).join(','))}`);
        break;
      default:
        pairs.push(
          `filter=${r.pick(['%', '%zz', '%00', '%ud800', '%ED%A0%80', '%C0%80', '%F0%9F%98'])}`,
          `count=${r.pick(['%00', '1%00'])}`,
        );
    }
    return {
      method: 'GET',
      path: `${this.base}/${r.pick(['Users', 'Groups'])}?${pairs.join('&')}`,
      headers: this.auth(),
    };
  }

  private rawHttp(): Omit<FuzzRequest, 'kind'> {
    const r = this.random;
    const auth = `Authorization: Bearer ${this.target.apiKey}\r\n`;
    const raw = r.pick([
      `GET ${this.base}/Users HTTP/1.1\r\nHost: x\r\n${auth}X-Long: ${'a'.repeat(70 * 1024)}\r\n\r\n`,
      `GET ${this.base}/Users?filter=${'a'.repeat(70 * 1024)} HTTP/1.1\r\nHost: x\r\n${auth}\r\n`,
      `GET ${this.base}/Users HTTP/1.1\r\nHost: x\r\n${auth}X-Bad: a\u0000b\r\n\r\n`,
      `GET /sc im/v2 HTTP/1.1\r\nHost: x\r\n\r\n`,
      `FOO ${this.base}/Users HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET ${this.base}/Users HTTP/9.9\r\nHost: x\r\n\r\n`,
      `POST ${this.base}/Users HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/scim+json\r\nContent-Length: ` +
        `10\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      `POST ${this.base}/Users HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/scim+json\r\nContent-Length: ` +
        `-1\r\n\r\n`,
      `POST ${this.base}/Users HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/scim+json\r\nContent-Length: ` +
        `5\r\n\r\n{"a":1}`,
      `GET ${this.base}/Users HTTP/1.1\r\nHost: x\r\n${auth}Header Without Colon\r\n\r\n`,
      `GET ${this.base}/Users/\u00e9\u0000 HTTP/1.1\r\nHost: x\r\n${auth}\r\n`,
    ]);
    return { method: 'RAW', path: '', headers: {}, raw };
  }

  private adminAndAudit(): Omit<FuzzRequest, 'kind'> {
    const r = this.random;
    const operator = { authorization: `Bearer ${this.target.operatorToken}` };
    const odd = encodeAny(oddString(r).slice(0, 100));
    switch (r.int(0, 5)) {
      case 0:
        return {
          method: 'GET',
          path: `/admin/tenants/${this.target.tenantId}/provisioning-log?${r.pick([
            'status=99999',
            'limit=1e20',
            `userName=${odd}`,
            `from=${odd}`,
            'resourceId=%00',
            `to=${r.pick(['2020-01-01', 'x'])}`,
            'x=1',
          ])}`,
          headers: operator,
        };
      case 1:
        return {
          method: 'POST',
          path: '/admin/tenants',
          headers: { ...operator, 'content-type': 'application/json' },
          body: JSON.stringify({
            name: oddString(r).slice(0, 300),
            id: r.chance(0.5) ? oddString(r).slice(0, 80) : undefined,
          }),
        };
      case 2:
        return { method: 'GET', path: `/admin/tenants/${odd}`, headers: operator };
      case 3:
        return { method: 'GET', path: `/audit/v1/${this.target.tenantId}/access?at=${odd}`, headers: this.auth() };
      case 4:
        return {
          method: 'GET',
          path: `/admin/tenants/${this.target.tenantId}/auditors`,
          headers: { authorization: r.pick([`Bearer ${this.target.apiKey}`, 'Bearer x', '']) },
        };
      default:
        return {
          method: r.pick(['PUT', 'POST']),
          path: `/admin/tenants/${odd}/scim`,
          headers: { ...operator, 'content-type': 'application/json' },
          body: JSON.stringify({ idpProfile: oddString(r).slice(0, 40) }),
        };
    }
  }
}
