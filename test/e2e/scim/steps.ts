import { GROUP_SCHEMA, PATCH_OP, type ScimResponse, type ScimTenant } from '../../support/scim';
import { expectList, expectNoContent, expectResource, expectScimError, expectScimJson, type Json } from './expect-scim';

/**
 * given / when / then for SCIM over HTTP, as the domain's deciders have them
 * (libs/domain/src/testing/given-when-then.ts): a test makes the state it needs with `given*`,
 * sends one request, and checks the answer with `then*` (the expect-scim checks underneath).
 */

/** A PatchOp request body (RFC 7644 §3.5.2). */
export const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

/** given: a user created over SCIM (201 checked); the resource as the service answered it. */
export async function givenUser(scim: ScimTenant, body: Json): Promise<Json> {
  return expectResource(await scim.call('POST', '/Users', body), 201, scim, 'User');
}

/** given: a group created over SCIM with these member ids (201 checked). */
export async function givenGroup(
  scim: ScimTenant,
  displayName: string,
  memberIds: string[] = [],
  extra: Json = {},
): Promise<Json> {
  const body = { schemas: [GROUP_SCHEMA], displayName, members: memberIds.map((value) => ({ value })), ...extra };
  return expectResource(await scim.call('POST', '/Groups', body), 201, scim, 'Group');
}

/** A SCIM request as an IdP sends it. */
export interface ScimRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** when: the request, sent with the tenant's key. */
export function when(scim: ScimTenant, request: ScimRequest): Promise<ScimResponse> {
  return scim.call(request.method, request.path, request.body, request.headers);
}

/** The answer a case expects; what the shape names is checked whole (expect-scim). */
export type ExpectedAnswer =
  /** A resource (expectResource), whose body matches `body`. */
  | { status: 200 | 201; resource: 'User' | 'Group'; body?: Json }
  /** 200 with only the attributes asked for (scim+json): the body equals `attributesOnly`. */
  | { status: 200; attributesOnly: Json }
  /** A ListResponse (expectList) with this total; its resources match `resources`, its envelope `body`. */
  | { status: 200; list: 'User' | 'Group'; totalResults: number; resources?: Json[]; body?: Json }
  /** 204 without a body (expectNoContent). */
  | { status: 204 }
  /** A SCIM error body (expectScimError) with this scimType, if given. */
  | { status: 400 | 401 | 404 | 409 | 412; scimType?: string };

/** then: the answer is the expected one; returns its body. */
export function then(scim: ScimTenant, response: ScimResponse, expected: ExpectedAnswer): Json {
  if ('resource' in expected) {
    const body = expectResource(response, expected.status, scim, expected.resource);
    if (expected.body) expect(body).toMatchObject(expected.body);
    return body;
  }
  if ('attributesOnly' in expected) {
    expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: expected.attributesOnly });
    expectScimJson(response);
    return response.body as Json;
  }
  if ('list' in expected) {
    const resources = expectList(response, scim, expected.list, expected.totalResults);
    if (expected.resources) expect(resources).toMatchObject(expected.resources);
    if (expected.body) expect(response.body).toMatchObject(expected.body);
    return response.body as Json;
  }
  if (expected.status === 204) {
    expectNoContent(response);
    return {};
  }
  return expectScimError(response, expected.status, 'scimType' in expected ? expected.scimType : undefined);
}
