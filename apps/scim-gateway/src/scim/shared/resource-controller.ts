import { ApiExcludeEndpoint, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  All,
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  type Type,
} from '@nestjs/common';
import type { HttpRequest, HttpReply } from '@lib/platform';
import { CurrentPrincipal, type ScimPrincipal } from '@lib/tenancy';
import { MethodNotAllowedError } from '../method-not-allowed';
import { ScimEndpoint } from '../scim-endpoint.decorator';
import { SCIM_ROUTE_PREFIX } from '../scim-base-url';
import { searchParameters } from './list-query';
import { projectionOf } from './projection-query';
import type { ResourceEndpoints } from './resource-endpoints';
import { sendPatchOutcome, sendRendered } from './send-rendered';

/** One resource type's routes: its endpoint, its flows, and what the OpenAPI document says of each route. */
export interface ResourceRoutes {
  /** 'Users' or 'Groups', under the tenant's base URL. */
  endpoint: string;
  /** The injectable that runs the flows. */
  endpoints: Type<ResourceEndpoints>;
  tag: string;
  summaries: Record<'list' | 'search' | 'create' | 'get' | 'replace' | 'patch' | 'delete', string>;
}

/**
 * RFC 7644 §3: the controller of one resource type, one line per route; the flows live in its
 * ResourceEndpoints. Extend the returned class to name the controller (the OpenAPI operation ids
 * are the class name and the method).
 */
export function resourceController(routes: ResourceRoutes) {
  const { summaries } = routes;

  @ApiTags(routes.tag)
  @ApiBearerAuth('bearer')
  @ScimEndpoint()
  @Controller(`${SCIM_ROUTE_PREFIX}/${routes.endpoint}`)
  class ResourceController {
    constructor(@Inject(routes.endpoints) readonly endpoints: ResourceEndpoints) {}

    @ApiOperation({ summary: summaries.list })
    @Get()
    list(@CurrentPrincipal() principal: ScimPrincipal, @Query() query: Record<string, unknown>) {
      return this.endpoints.listResponse(principal, query);
    }

    @ApiOperation({ summary: summaries.search })
    @Post('.search')
    @HttpCode(200)
    search(@CurrentPrincipal() principal: ScimPrincipal, @Body() body: unknown) {
      return this.endpoints.listResponse(principal, searchParameters(body));
    }

    // Before the `:id` routes, which would otherwise take ".search" for an id.
    @ApiExcludeEndpoint()
    @All('.search')
    searchMethodNotAllowed(@Req() req: HttpRequest): never {
      throw new MethodNotAllowedError('SCIM-5J5s', req.method, 'POST');
    }

    @ApiOperation({ summary: summaries.create })
    @Post()
    async create(
      @CurrentPrincipal() principal: ScimPrincipal,
      @Body() body: unknown,
      @Query() query: Record<string, unknown>,
      @Res() res: HttpReply,
    ) {
      sendRendered(
        res,
        201,
        await this.endpoints.create(principal, body, projectionOf(query, principal.idpProfile)),
        true,
      );
    }

    @ApiOperation({ summary: summaries.get })
    @Get(':id')
    async get(
      @CurrentPrincipal() principal: ScimPrincipal,
      @Param('id') id: string,
      @Query() query: Record<string, unknown>,
      @Headers('if-none-match') ifNoneMatch: string | undefined,
      @Res() res: HttpReply,
    ) {
      const projection = projectionOf(query, principal.idpProfile);
      sendRendered(res, 200, await this.endpoints.get(principal, id, projection, ifNoneMatch));
    }

    @ApiOperation({ summary: summaries.replace })
    @Put(':id')
    async replace(
      @CurrentPrincipal() principal: ScimPrincipal,
      @Param('id') id: string,
      @Body() body: unknown,
      @Query() query: Record<string, unknown>,
      @Headers('if-match') ifMatch: string | undefined,
      @Res() res: HttpReply,
    ) {
      const projection = projectionOf(query, principal.idpProfile);
      sendRendered(res, 200, await this.endpoints.replace(principal, id, body, ifMatch, projection));
    }

    @ApiOperation({ summary: summaries.patch })
    @Patch(':id')
    async patch(
      @CurrentPrincipal() principal: ScimPrincipal,
      @Param('id') id: string,
      @Body() body: unknown,
      @Query() query: Record<string, unknown>,
      @Headers('if-match') ifMatch: string | undefined,
      @Res() res: HttpReply,
    ) {
      const projection = projectionOf(query, principal.idpProfile);
      sendPatchOutcome(res, await this.endpoints.patch(principal, id, body, ifMatch, projection));
    }

    @ApiOperation({ summary: summaries.delete })
    @Delete(':id')
    @HttpCode(204)
    remove(
      @CurrentPrincipal() principal: ScimPrincipal,
      @Param('id') id: string,
      @Headers('if-match') ifMatch: string | undefined,
    ) {
      return this.endpoints.delete(principal, id, ifMatch);
    }

    // Declared last: only the methods the routes above do not serve reach these (405, not 404).
    @ApiExcludeEndpoint()
    @All()
    collectionMethodNotAllowed(@Req() req: HttpRequest): never {
      throw new MethodNotAllowedError('SCIM-MXYZ', req.method, 'GET, POST');
    }

    @ApiExcludeEndpoint()
    @All(':id')
    resourceMethodNotAllowed(@Req() req: HttpRequest): never {
      throw new MethodNotAllowedError('SCIM-vTZV', req.method, 'GET, PUT, PATCH, DELETE');
    }
  }
  return ResourceController;
}
