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
import { USER_RESOURCE_SCHEMA } from '@lib/scim';
import { CurrentPrincipal, type ScimPrincipal } from '@lib/tenancy';
import { MethodNotAllowedError } from '../method-not-allowed';
import { ScimEndpoint } from '../scim-endpoint.decorator';
import { SCIM_ROUTE_PREFIX } from '../scim-base-url';
import { ListQueries } from '../shared/list-queries';
import { projectionOf } from '../shared/projection-query';
import { sendPatchOutcome, sendRendered } from '../shared/send-rendered';
import { UserEndpoints } from './user-endpoints';

/** RFC 7644 §3: /Users. One line per route; the flows live in UserEndpoints. */
@ApiTags('SCIM Users')
@ApiBearerAuth('bearer')
@ScimEndpoint()
@Controller(`${SCIM_ROUTE_PREFIX}/Users`)
export class UsersController {
  constructor(
    private readonly users: UserEndpoints,
    private readonly lists: ListQueries,
  ) {}

  @ApiOperation({
    summary: 'List or filter users (RFC 7644 §3.4.2): filter, sortBy, sortOrder, startIndex, count, cursor, attributes',
  })
  @Get()
  list(@CurrentPrincipal() principal: ScimPrincipal, @Query() query: Record<string, unknown>) {
    return this.lists.list(principal, USER_RESOURCE_SCHEMA, query);
  }

  @ApiOperation({ summary: 'Search users with a SearchRequest body (RFC 7644 §3.4.3)' })
  @Post('.search')
  @HttpCode(200)
  search(@CurrentPrincipal() principal: ScimPrincipal, @Body() body: unknown) {
    return this.lists.search(principal, USER_RESOURCE_SCHEMA, body);
  }

  // Before the `:id` routes, which would otherwise take ".search" for an id.
  @ApiExcludeEndpoint()
  @All('.search')
  searchMethodNotAllowed(@Req() req: Request): never {
    throw new MethodNotAllowedError('SCIM-5J5s', req.method, 'POST');
  }

  @ApiOperation({ summary: 'Provision a user (201, Location, ETag); 409 uniqueness on a taken userName' })
  @Post()
  async create(
    @CurrentPrincipal() principal: ScimPrincipal,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ) {
    sendRendered(res, 201, await this.users.create(principal, body, projectionOf(query, principal.idpProfile)), true);
  }

  @ApiOperation({ summary: 'Get a user; If-None-Match gives 304' })
  @Get(':id')
  async get(
    @CurrentPrincipal() principal: ScimPrincipal,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ) {
    sendRendered(res, 200, await this.users.get(principal, id, projectionOf(query, principal.idpProfile), ifNoneMatch));
  }

  @ApiOperation({ summary: 'Replace a user (PUT); If-Match mismatch gives 412' })
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
      await this.users.replace(principal, id, body, ifMatch, projectionOf(query, principal.idpProfile)),
    );
  }

  @ApiOperation({
    summary:
      'Modify a user with a PatchOp (RFC 7644 §3.5.2): 200 with the user; 204 under the Entra profile unless attributes are asked for',
  })
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
      await this.users.patch(principal, id, body, ifMatch, projectionOf(query, principal.idpProfile)),
    );
  }

  @ApiOperation({ summary: 'Delete a user (204); history is kept and the userName can be provisioned again' })
  @Delete(':id')
  @HttpCode(204)
  remove(
    @CurrentPrincipal() principal: ScimPrincipal,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    return this.users.delete(principal, id, ifMatch);
  }

  // Declared last: only the methods the routes above do not serve reach these (405, not 404).
  @ApiExcludeEndpoint()
  @All()
  collectionMethodNotAllowed(@Req() req: Request): never {
    throw new MethodNotAllowedError('SCIM-MXYZ', req.method, 'GET, POST');
  }

  @ApiExcludeEndpoint()
  @All(':id')
  resourceMethodNotAllowed(@Req() req: Request): never {
    throw new MethodNotAllowedError('SCIM-vTZV', req.method, 'GET, PUT, PATCH, DELETE');
  }
}
