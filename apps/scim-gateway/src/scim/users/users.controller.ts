import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { USER_RESOURCE_SCHEMA } from '@lib/scim';
import { CurrentPrincipal, type ScimPrincipal } from '@lib/tenancy';
import { ScimEndpoint } from '../scim-endpoint.decorator';
import { SCIM_ROUTE_PREFIX } from '../scim-base-url';
import { ListQueries } from '../shared/list-queries';
import { projectionOf } from '../shared/projection-query';
import { sendRendered } from '../shared/send-rendered';
import { UserEndpoints } from './user-endpoints';

/** RFC 7644 §3: /Users. One line per route; the flows live in UserEndpoints. */
@ScimEndpoint()
@Controller(`${SCIM_ROUTE_PREFIX}/Users`)
export class UsersController {
  constructor(
    private readonly users: UserEndpoints,
    private readonly lists: ListQueries,
  ) {}

  @Get()
  list(@CurrentPrincipal() principal: ScimPrincipal, @Query() query: Record<string, unknown>) {
    return this.lists.list(principal, USER_RESOURCE_SCHEMA, query);
  }

  @Post('.search')
  @HttpCode(200)
  search(@CurrentPrincipal() principal: ScimPrincipal, @Body() body: unknown) {
    return this.lists.search(principal, USER_RESOURCE_SCHEMA, body);
  }

  @Post()
  async create(@CurrentPrincipal() principal: ScimPrincipal, @Body() body: unknown, @Query() query: Record<string, unknown>, @Res() res: Response) {
    sendRendered(res, 201, await this.users.create(principal, body, projectionOf(query)), true);
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: ScimPrincipal, @Param('id') id: string, @Query() query: Record<string, unknown>, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() res: Response) {
    sendRendered(res, 200, await this.users.get(principal, id, projectionOf(query), ifNoneMatch));
  }

  @Put(':id')
  async replace(@CurrentPrincipal() principal: ScimPrincipal, @Param('id') id: string, @Body() body: unknown, @Query() query: Record<string, unknown>, @Headers('if-match') ifMatch: string | undefined, @Res() res: Response) {
    sendRendered(res, 200, await this.users.replace(principal, id, body, ifMatch, projectionOf(query)));
  }

  @Patch(':id')
  async patch(@CurrentPrincipal() principal: ScimPrincipal, @Param('id') id: string, @Body() body: unknown, @Query() query: Record<string, unknown>, @Headers('if-match') ifMatch: string | undefined, @Res() res: Response) {
    sendRendered(res, 200, await this.users.patch(principal, id, body, ifMatch, projectionOf(query)));
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentPrincipal() principal: ScimPrincipal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined) {
    return this.users.delete(principal, id, ifMatch);
  }
}
