import { ERROR_SCHEMA, type ScimResponse, type ScimTenant } from '../../support/scim';

export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Json = Record<string, any>;

/** Every SCIM answer with a body is application/scim+json (RFC 7644 §3.1). */
export function expectScimJson(response: ScimResponse): void {
  expect(response.headers.get('content-type')).toContain('application/scim+json');
}

/** A single resource answer: status, scim+json, ETag equal to meta.version, complete meta. */
export function expectResource(
  response: ScimResponse,
  status: number,
  scim: ScimTenant,
  resourceType: 'User' | 'Group',
): Json {
  expect({ status: response.status, body: response.body }).toMatchObject({ status });
  expectScimJson(response);
  const body = response.body as Json;
  expectMeta(body, scim, resourceType);
  const etag = response.headers.get('etag');
  expect(etag).toMatch(/^W\/".+"$/);
  expect(etag).toBe(body.meta.version.startsWith('W/') ? body.meta.version : `W/"${body.meta.version}"`);
  if (status === 201) expect(response.headers.get('location')).toBe(body.meta.location);
  return body;
}

/** RFC 7643 §3.1: meta.resourceType, created, lastModified, location, version on every resource. */
export function expectMeta(body: Json, scim: ScimTenant, resourceType: 'User' | 'Group'): void {
  const endpoint = resourceType === 'User' ? 'Users' : 'Groups';
  expect(body.id).toEqual(expect.any(String));
  expect(body.schemas).toEqual(
    expect.arrayContaining([
      resourceType === 'User'
        ? 'urn:ietf:params:scim:schemas:core:2.0:User'
        : 'urn:ietf:params:scim:schemas:core:2.0:Group',
    ]),
  );
  expect(body.meta).toEqual({
    resourceType,
    created: expect.any(String),
    lastModified: expect.any(String),
    location: `${scim.base}/${endpoint}/${body.id}`,
    version: expect.stringMatching(/^W\/".+"$/),
  });
  expect(Number.isNaN(Date.parse(body.meta.created))).toBe(false);
  expect(Date.parse(body.meta.lastModified)).toBeGreaterThanOrEqual(Date.parse(body.meta.created));
}

/** A ListResponse: 200, scim+json, the envelope, and meta on each resource. */
export function expectList(
  response: ScimResponse,
  scim: ScimTenant,
  resourceType: 'User' | 'Group',
  totalResults?: number,
): Json[] {
  expect({ status: response.status, body: response.body }).toMatchObject({ status: 200 });
  expectScimJson(response);
  const body = response.body as Json;
  expect(body.schemas).toEqual([LIST_RESPONSE]);
  expect(body.totalResults).toEqual(expect.any(Number));
  if (totalResults !== undefined) expect(body.totalResults).toBe(totalResults);
  expect(body.startIndex).toEqual(expect.any(Number));
  expect(body.itemsPerPage).toBe((body.Resources ?? []).length);
  expect(Array.isArray(body.Resources)).toBe(true);
  for (const resource of body.Resources as Json[]) expectMeta(resource, scim, resourceType);
  return body.Resources as Json[];
}

/** RFC 7644 §3.12: an error body with the status as a string (Okta insists) and the scimType when one applies. */
export function expectScimError(response: ScimResponse, status: number, scimType?: string): Json {
  expect({ status: response.status, body: response.body }).toMatchObject({
    status,
    body: { schemas: [ERROR_SCHEMA], status: String(status) },
  });
  expectScimJson(response);
  const body = response.body as Json;
  expect(typeof body.status).toBe('string');
  if (scimType) expect(body.scimType).toBe(scimType);
  if (body.detail !== undefined) expect(typeof body.detail).toBe('string');
  return body;
}

/** An empty 204: no body (group PATCH under the Entra and Okta profiles), with the new ETag. */
export function expectNoContent(response: ScimResponse): void {
  expect({ status: response.status, body: response.body }).toEqual({ status: 204, body: undefined });
}

export const filterQuery = (filter: string) => `filter=${encodeURIComponent(filter)}`;

/** The group's member ids as read back over HTTP (sorted). */
export async function memberIds(scim: ScimTenant, groupId: string): Promise<string[]> {
  const read = await scim.call('GET', `/Groups/${groupId}`);
  expect(read.status).toBe(200);
  return ((read.body.members as Json[] | undefined) ?? []).map((member) => String(member.value)).sort();
}

/** The group ids a user's read-only `groups` attribute lists (sorted). */
export async function groupIdsOf(scim: ScimTenant, userId: string): Promise<string[]> {
  const read = await scim.call('GET', `/Users/${userId}`);
  expect(read.status).toBe(200);
  return ((read.body.groups as Json[] | undefined) ?? []).map((group) => String(group.value)).sort();
}
