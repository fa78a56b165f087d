import SwaggerParser from '@apidevtools/swagger-parser';
import { startTestApp, type TestApp } from '../../support/app';

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { tags?: string[]; summary?: string; responses?: Record<string, unknown> }>>;
}

describe('OpenAPI document of the gateway', () => {
  let app: TestApp;
  let document: OpenApiDocument;
  beforeAll(async () => {
    app = await startTestApp();
    const response = await fetch(`${app.baseUrl}/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenApiDocument;
  });
  afterAll(() => app?.close());

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
    expect(Object.keys(document.paths['/scim/v2/{tenantId}/Users/{id}']).sort()).toEqual(['delete', 'get', 'patch', 'put']);
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
});
