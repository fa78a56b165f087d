/** Direct HTTP helpers of the console tests: the admin API to arrange data, SCIM as an IdP would call it. */
export interface Tenant {
  tenantId: string;
  scimBaseUrl: string;
  apiKey: string;
}

export async function adminCall(
  baseUrl: string,
  operatorToken: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${operatorToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export async function tenantWithScim(
  baseUrl: string,
  operatorToken: string,
  tenantId: string,
  idpProfile = 'okta',
): Promise<Tenant> {
  const created = await adminCall(baseUrl, operatorToken, 'POST', '/admin/tenants', {
    name: `Tenant ${tenantId}`,
    id: tenantId,
  });
  expect(created.status).toBe(201);
  const enabled = await adminCall(baseUrl, operatorToken, 'PUT', `/admin/tenants/${tenantId}/scim`, { idpProfile });
  expect(enabled.status).toBe(200);
  return { tenantId, scimBaseUrl: String(enabled.body.scimBaseUrl), apiKey: String(enabled.body.apiKey) };
}

export async function scimCall(
  scimBaseUrl: string,
  apiKey: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${scimBaseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/scim+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export const userBody = (userName: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ value: userName, type: 'work', primary: true }],
  active: true,
});

/** Polls until `check` holds or the time is up; for what the service does asynchronously (logs, projections). */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
