import { randomBytes } from 'node:crypto';
import type { TestApp } from './app';

export interface ScimResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ScimTenant {
  tenantId: string;
  base: string;
  apiKey: string;
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ScimResponse<T>>;
}

/** Creates a tenant through the admin API, enables SCIM with an IdP profile, and returns a SCIM client for it. */
export async function provisionTenant(
  app: Pick<TestApp, 'baseUrl' | 'operatorToken'>,
  idpProfile = 'generic',
  tenantId = `t-${randomBytes(4).toString('hex')}`,
): Promise<ScimTenant> {
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${app.baseUrl}/admin/tenants${path}`, {
      method,
      headers: { authorization: `Bearer ${app.operatorToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const created = await admin('POST', '', { name: tenantId, id: tenantId });
  if (created.status >= 300) throw new Error(`create tenant: ${created.status} ${await created.text()}`);
  const enabled = await admin('PUT', `/${tenantId}/scim`, { idpProfile });
  if (enabled.status >= 300) throw new Error(`enable SCIM: ${enabled.status} ${await enabled.text()}`);
  const setup = (await enabled.json()) as { scimBaseUrl: string; apiKey: string };
  return scimClient(tenantId, setup.scimBaseUrl, setup.apiKey);
}

export function scimClient(tenantId: string, base: string, apiKey: string): ScimTenant {
  return {
    tenantId,
    base,
    apiKey,
    async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${apiKey}`,
          ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
    },
  };
}

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export function user(userName: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
    ...extra,
  };
}
