import { useTestApp } from '../../support/scim-harness';
import SwaggerParser from '@apidevtools/swagger-parser';
import { provisionTenant, user } from '../../support/scim';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}

interface OpenApiDocument {
  openapi: string;
  paths: Record<
    string,
    Record<string, { tags?: string[]; summary?: string; responses?: Record<string, unknown>; parameters?: Parameter[] }>
  >;
}

describe('OpenAPI document of the gateway', () => {
  const app = useTestApp();
  let document: OpenApiDocument;
  beforeAll(async () => {
    const response = await fetch(`${app.baseUrl}/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenApiDocument;
  });

  it('is a valid OpenAPI 3 document', async () => {
    expect(document.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('documents every SCIM endpoint', () => {
    const paths = Object.keys(document.paths);
    for (const path of [
      '/scim/v2/{tenantId}/Users',
      '/scim/v2/{tenantId}/Users/{id}',
      '/scim/v2/{tenantId}/Users/.search',
      '/scim/v2/{tenantId}/Groups',
      '/scim/v2/{tenantId}/Groups/{id}',
      '/scim/v2/{tenantId}/Groups/.search',
      '/scim/v2/{tenantId}/.search',
      '/scim/v2/{tenantId}/Bulk',
      '/scim/v2/{tenantId}/ServiceProviderConfig',
      '/scim/v2/{tenantId}/ResourceTypes',
      '/scim/v2/{tenantId}/ResourceTypes/{name}',
      '/scim/v2/{tenantId}/Schemas',
      '/scim/v2/{tenantId}/Schemas/{id}',
      '/health/live',
      '/health/ready',
      '/metrics',
    ]) {
      expect(paths).toContain(path);
    }
    expect(Object.keys(document.paths['/scim/v2/{tenantId}/Users/{id}']).sort()).toEqual([
      'delete',
      'get',
      'patch',
      'put',
    ]);
  });

  it('documents the admin API', () => {
    expect(Object.keys(document.paths).some((path) => path.startsWith('/admin/tenants'))).toBe(true);
  });

  it('gives every operation a summary and its responses', () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect({ path, method, summary: operation.summary }).toEqual({ path, method, summary: expect.any(String) });
        expect(Object.keys(operation.responses ?? {}).length).toBeGreaterThan(0);
      }
    }
  });

  it(
    'declares every path parameter of every operation (tenantId included), so an OpenAPI ' +
      'client can build each call',
    () => {
      for (const [path, operations] of Object.entries(document.paths)) {
        const inTemplate = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
        for (const [method, operation] of Object.entries(operations)) {
          const declared = (operation.parameters ?? []).filter((p) => p.in === 'path');
          expect({ path, method, declared: declared.map((p) => p.name).sort() }).toEqual({
            path,
            method,
            declared: inTemplate,
          });
          for (const parameter of declared)
            expect({ path, method, name: parameter.name, required: parameter.required }).toEqual({
              path,
              method,
              name: parameter.name,
              required: true,
            });
        }
      }
    },
  );

  it(
    'a call built from the document alone reaches the operation (URL from the template and ' +
      'the declared parameters)',
    async () => {
      const scim = await provisionTenant(app);
      const created = await scim.call('POST', '/Users', user('openapi@example.com'));
      const values: Record<string, string> = { tenantId: scim.tenantId, id: String(created.body.id) };
      const build = (template: string, method: string) => {
        const parameters = document.paths[template][method].parameters ?? [];
        return parameters
          .filter((p) => p.in === 'path')
          .reduce((url, p) => url.replace(`{${p.name}}`, encodeURIComponent(values[p.name])), template);
      };
      const calls: Array<[string, string, unknown, number]> = [
        ['/scim/v2/{tenantId}/Users', 'get', undefined, 200],
        ['/scim/v2/{tenantId}/Users/{id}', 'get', undefined, 200],
        ['/scim/v2/{tenantId}/Groups', 'get', undefined, 200],
        [
          '/scim/v2/{tenantId}/Users/.search',
          'post',
          { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'] },
          200,
        ],
        [
          '/scim/v2/{tenantId}/.search',
          'post',
          { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'] },
          200,
        ],
        [
          '/scim/v2/{tenantId}/Bulk',
          'post',
          { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: [] },
          200,
        ],
      ];
      for (const [template, method, body, status] of calls) {
        const url = build(template, method);
        expect(url).not.toContain('{');
        const response = await fetch(`${app.baseUrl}${url}`, {
          method: method.toUpperCase(),
          headers: { authorization: `Bearer ${scim.apiKey}`, 'content-type': 'application/scim+json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        expect({ template, method, status: response.status }).toEqual({ template, method, status });
      }
    },
  );
});
