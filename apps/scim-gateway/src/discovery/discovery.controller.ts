import { ApiExcludeEndpoint, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { All, Controller, Get, Inject, Param, Req } from '@nestjs/common';
import type { HttpRequest } from '@lib/platform';
import { APP_CONFIG, type AppConfig } from '@lib/platform';
import {
  ALL_SCHEMAS,
  buildServiceProviderConfig,
  findSchemaById,
  GROUP_RESOURCE_SCHEMA,
  listResponse,
  OAUTH_BEARER_TOKEN_SCHEME,
  resourceTypeDocument,
  ResourceNotFoundError,
  USER_RESOURCE_SCHEMA,
} from '@lib/scim';
import { MethodNotAllowedError } from '../scim/method-not-allowed';
import { TenantAdminService } from '@lib/tenancy';
import { ScimEndpoint } from '../scim/scim-endpoint.decorator';
import { SCIM_ROUTE_PREFIX, scimBaseUrl } from '../scim/scim-base-url';

const RESOURCE_SCHEMAS = [USER_RESOURCE_SCHEMA, GROUP_RESOURCE_SCHEMA];

/** Advertised only for tenants that turned HTTP Basic on (test instances). */
const HTTP_BASIC_SCHEME = {
  type: 'httpbasic',
  name: 'HTTP Basic',
  description: 'Test instances only: username = tenant id, password = one of its SCIM API keys',
  specUri: 'https://www.rfc-editor.org/info/rfc7617',
  primary: false,
};

/** RFC 7644 §4: what this server supports, generated from the same limits it enforces. */
@ApiTags('SCIM Discovery')
@ApiBearerAuth('bearer')
@ScimEndpoint()
@Controller(SCIM_ROUTE_PREFIX)
export class DiscoveryController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenants: TenantAdminService,
  ) {}

  @ApiOperation({ summary: 'What this server supports, with its enforced limits (RFC 7644 §4)' })
  @Get('ServiceProviderConfig')
  async serviceProviderConfig(@Param('tenantId') tenantId: string) {
    const { basicAuthEnabled } = await this.tenants.getTenant(tenantId);
    return buildServiceProviderConfig({
      documentationUri: 'https://github.com/scim-event-sourced/scim-event-sourced#readme',
      patchSupported: true,
      bulk: {
        supported: true,
        maxOperations: this.config.BULK_MAX_OPERATIONS,
        maxPayloadSize: this.config.MAX_PAYLOAD_BYTES,
      },
      filter: { supported: true, maxResults: this.config.SCIM_MAX_RESULTS },
      changePasswordSupported: false,
      sortSupported: true,
      etagSupported: true,
      pagination: {
        cursor: true,
        index: true,
        defaultPaginationMethod: 'index',
        defaultPageSize: Math.min(100, this.config.SCIM_MAX_RESULTS),
        maxPageSize: this.config.SCIM_MAX_RESULTS,
        cursorTimeout: 3600,
      },
      authenticationSchemes: basicAuthEnabled
        ? [OAUTH_BEARER_TOKEN_SCHEME, HTTP_BASIC_SCHEME]
        : [OAUTH_BEARER_TOKEN_SCHEME],
      baseLocation: this.base(tenantId),
    });
  }

  @ApiOperation({ summary: 'The resource types (User, Group)' })
  @Get('ResourceTypes')
  resourceTypes(@Param('tenantId') tenantId: string) {
    const documents = RESOURCE_SCHEMAS.map((schema) => resourceTypeDocument(schema, this.base(tenantId)));
    return listResponse(documents, documents.length);
  }

  @ApiOperation({ summary: 'One resource type' })
  @Get('ResourceTypes/:name')
  resourceType(@Param('tenantId') tenantId: string, @Param('name') name: string) {
    const schema = RESOURCE_SCHEMAS.find((candidate) => candidate.name === name);
    if (!schema) throw new ResourceNotFoundError('SCIM-hJnB', `ResourceType ${name} not found.`);
    return resourceTypeDocument(schema, this.base(tenantId));
  }

  @ApiOperation({ summary: 'The schemas (core User, Group, enterprise User extension)' })
  @Get('Schemas')
  schemas(@Param('tenantId') tenantId: string) {
    const documents = ALL_SCHEMAS.map((schema) => this.schemaDocument(schema, tenantId));
    return listResponse(documents, documents.length);
  }

  @ApiOperation({ summary: 'One schema by its URN' })
  @Get('Schemas/:id')
  schema(@Param('tenantId') tenantId: string, @Param('id') id: string) {
    const schema = findSchemaById(id);
    if (!schema) throw new ResourceNotFoundError('SCIM-yKuP', `Schema ${id} not found.`);
    return this.schemaDocument(schema, tenantId);
  }

  /** Discovery is read-only (RFC 7644 §4): any other method is 405. Declared after the GET routes. */
  @ApiExcludeEndpoint()
  @All(['ServiceProviderConfig', 'ResourceTypes', 'ResourceTypes/:name', 'Schemas', 'Schemas/:id'])
  methodNotAllowed(@Req() req: HttpRequest): never {
    throw new MethodNotAllowedError('SCIM-jQsg', req.method, 'GET');
  }

  private schemaDocument(schema: object & { id: string }, tenantId: string) {
    return {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      ...schema,
      meta: { resourceType: 'Schema', location: `${this.base(tenantId)}/Schemas/${schema.id}` },
    };
  }

  private base(tenantId: string): string {
    return scimBaseUrl(this.config, tenantId);
  }
}
