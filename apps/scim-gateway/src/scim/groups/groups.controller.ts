import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { GROUP_RESOURCE_SCHEMA } from '@lib/scim';
import { CurrentPrincipal, type ScimPrincipal } from '@lib/tenancy';
import { ScimEndpoint } from '../scim-endpoint.decorator';
import { SCIM_ROUTE_PREFIX } from '../scim-base-url';
import { ListQueries } from '../shared/list-queries';
import { projectionOf } from '../shared/projection-query';
import { sendRendered } from '../shared/send-rendered';
import { setResourceHeaders } from '../shared/scim-response';
import { GroupEndpoints } from './group-endpoints';

/** RFC 7644 §3: /Groups (roles). One line per route; the flows live in GroupEndpoints. */
@ScimEndpoint()
@Controller(`${SCIM_ROUTE_PREFIX}/Groups`)
export class GroupsController {
  constructor(
    private readonly groups: GroupEndpoints,
    private readonly lists: ListQueries,
  ) {}

  @Get()
  list(@CurrentPrincipal() principal: ScimPrincipal, @Query() query: Record<string, unknown>) {
    return this.lists.list(principal, GROUP_RESOURCE_SCHEMA, query);
  }

  @Post('.search')
  @HttpCode(200)
  search(@CurrentPrincipal() principal: ScimPrincipal, @Body() body: unknown) {
    return this.lists.search(principal, GROUP_RESOURCE_SCHEMA, body);
  }

  @Post()
  async create(@CurrentPrincipal() principal: ScimPrincipal, @Body() body: unknown, @Query() query: Record<string, unknown>, @Res() res: Response) {
    sendRendered(res, 201, await this.groups.create(principal, body, projectionOf(query)), true);
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: ScimPrincipal, @Param('id') id: string, @Query() query: Record<string, unknown>, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() res: Response) {
    sendRendered(res, 200, await this.groups.get(principal, id, projectionOf(query), ifNoneMatch));
  }

  @Put(':id')
  async replace(@CurrentPrincipal() principal: ScimPrincipal, @Param('id') id: string, @Body() body: unknown, @Query() query: Record<string, unknown>, @Headers('if-match') ifMatch: string | undefined, @Res() res: Response) {
    sendRendered(res, 200, await this.groups.replace(principal, id, body, ifMatch, projectionOf(query)));
  }

  @Patch(':id')
  async patch(@CurrentPrincipal() principal: ScimPrincipal, @Param('id') id: string, @Body() body: unknown, @Query() query: Record<string, unknown>, @Headers('if-match') ifMatch: string | undefined, @Res() res: Response) {
    const outcome = await this.groups.patch(principal, id, body, ifMatch, projectionOf(query));
    if (outcome.status === 200) return sendRendered(res, 200, outcome.rendered);
    setResourceHeaders(res, outcome.version);
    res.status(204).end();
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentPrincipal() principal: ScimPrincipal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined) {
    return this.groups.delete(principal, id, ifMatch);
  }
}
