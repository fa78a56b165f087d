import { ApiExcludeEndpoint, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  All,
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { GROUP_RESOURCE_SCHEMA } from '@lib/scim';
import { CurrentPrincipal, type ScimPrincipal } from '@lib/tenancy';
import { MethodNotAllowedError } from '../method-not-allowed';
import { ScimEndpoint } from '../scim-endpoint.decorator';
import { SCIM_ROUTE_PREFIX } from '../scim-base-url';
import { ListQueries } from '../shared/list-queries';
import { projectionOf } from '../shared/projection-query';
import { sendPatchOutcome, sendRendered } from '../shared/send-rendered';
import { GroupEndpoints } from './group-endpoints';

/** RFC 7644 §3: /Groups (roles). One line per route; the flows live in GroupEndpoints. */
@ApiTags('SCIM Groups')
@ApiBearerAuth('bearer')
@ScimEndpoint()
@Controller(`${SCIM_ROUTE_PREFIX}/Groups`)
export class GroupsController {
  constructor(
    private readonly groups: GroupEndpoints,
    private readonly lists: ListQueries,
  ) {}

  @ApiOperation({ summary: 'List or filter groups (roles)' })
  @Get()
  list(@CurrentPrincipal() principal: ScimPrincipal, @Query() query: Record<string, unknown>) {
    return this.lists.list(principal, GROUP_RESOURCE_SCHEMA, query);
  }

  @ApiOperation({ summary: 'Search groups with a SearchRequest body' })
  @Post('.search')
  @HttpCode(200)
  search(@CurrentPrincipal() principal: ScimPrincipal, @Body() body: unknown) {
    return this.lists.search(principal, GROUP_RESOURCE_SCHEMA, body);
  }

  // Before the `:id` routes, which would otherwise take ".search" for an id.
  @ApiExcludeEndpoint()
  @All('.search')
  searchMethodNotAllowed(@Req() req: Request): never {
    throw new MethodNotAllowedError('SCIM-pvV2', req.method, 'POST');
  }

  @ApiOperation({ summary: 'Create a group (role), optionally with members' })
  @Post()
  async create(
    @CurrentPrincipal() principal: ScimPrincipal,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ) {
    sendRendered(res, 201, await this.groups.create(principal, body, projectionOf(query, principal.idpProfile)), true);
  }

  @ApiOperation({ summary: 'Get a group; excludedAttributes=members skips the member list' })
  @Get(':id')
  async get(
    @CurrentPrincipal() principal: ScimPrincipal,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ) {
    sendRendered(
      res,
      200,
      await this.groups.get(principal, id, projectionOf(query, principal.idpProfile), ifNoneMatch),
    );
  }

  @ApiOperation({ summary: 'Replace a group (PUT); members present replaces the member set' })
  @Put(':id')
  async replace(
    @CurrentPrincipal() principal: ScimPrincipal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Headers('if-match') ifMatch: string | undefined,
    @Res() res: Response,
  ) {
    sendRendered(
      res,
      200,
      await this.groups.replace(principal, id, body, ifMatch, projectionOf(query, principal.idpProfile)),
    );
  }

  @ApiOperation({ summary: 'Modify a group: member adds and removes by id without loading the member list' })
  @Patch(':id')
  async patch(
    @CurrentPrincipal() principal: ScimPrincipal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Headers('if-match') ifMatch: string | undefined,
    @Res() res: Response,
  ) {
    sendPatchOutcome(
      res,
      await this.groups.patch(principal, id, body, ifMatch, projectionOf(query, principal.idpProfile)),
    );
  }

  @ApiOperation({ summary: 'Delete a group: the role is revoked from all its members' })
  @Delete(':id')
  @HttpCode(204)
  remove(
    @CurrentPrincipal() principal: ScimPrincipal,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    return this.groups.delete(principal, id, ifMatch);
  }

  // Declared last: only the methods the routes above do not serve reach these (405, not 404).
  @ApiExcludeEndpoint()
  @All()
  collectionMethodNotAllowed(@Req() req: Request): never {
    throw new MethodNotAllowedError('SCIM-CgFe', req.method, 'GET, POST');
  }

  @ApiExcludeEndpoint()
  @All(':id')
  resourceMethodNotAllowed(@Req() req: Request): never {
    throw new MethodNotAllowedError('SCIM-FJEU', req.method, 'GET, PUT, PATCH, DELETE');
  }
}
