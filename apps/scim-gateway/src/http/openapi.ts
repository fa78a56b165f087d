import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { SCIM_PATH } from '@lib/platform';

export const OPENAPI_JSON_PATH = 'openapi.json';

/** The OpenAPI document of every gateway route (SCIM, admin, audit, health), built from the controllers. */
export function buildOpenApiDocument(app: INestApplication, publicBaseUrl: string | undefined): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Event-sourced SCIM 2.0 service')
    .setDescription(
      `SCIM 2.0 (RFC 7643/7644, RFC 9865 cursors) under ${SCIM_PATH}/{tenantId}, the tenant admin API under /admin ` +
        '(operator token), the audit API under /audit/v1/{tenantId} (auditor credential), health and metrics.',
    )
    .setVersion('1.0')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        description: 'SCIM API key (scim_...), operator token, or auditor credential (aud_...)',
      },
      'bearer',
    )
    .addBasicAuth(
      { type: 'http', scheme: 'basic', description: 'Test instances only, when the tenant enabled it' },
      'basic',
    )
    .addServer(publicBaseUrl ?? '/')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  describeUndocumentedOperations(document);
  return document;
}

/** An operation whose controller gave no summary still gets one (method and path), so no entry is blank. */
function describeUndocumentedOperations(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, { summary?: string }>)) {
      if (operation && typeof operation === 'object' && !operation.summary)
        operation.summary = `${method.toUpperCase()} ${path}`;
    }
  }
}

/** Serves the document at /openapi.json and a browsable UI at /docs (no credentials needed to read them). */
export function serveOpenApi(app: INestApplication, publicBaseUrl: string | undefined): void {
  const document = buildOpenApiDocument(app, publicBaseUrl);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH, yamlDocumentUrl: 'openapi.yaml' });
}
