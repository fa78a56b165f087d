import { ApiExcludeEndpoint, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { All, Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { HttpRequest } from '@lib/platform';
import { APP_CONFIG, type AppConfig } from '@lib/platform';
import type { ListResult } from '@lib/read-model';
import {
  GROUP_RESOURCE_SCHEMA,
  InvalidFilterError,
  parseFilter,
  USER_RESOURCE_SCHEMA,
  type ResourceSchema,
} from '@lib/scim';
import { CurrentPrincipal, type ScimPrincipal } from '@lib/tenancy';
import { GroupEndpoints } from '../groups/group-endpoints';
import { filterOptions, idpProfilePolicy, type IdpProfilePolicy } from '../idp-profiles/idp-profile-policy';
import { MethodNotAllowedError } from '../method-not-allowed';
import { ScimEndpoint } from '../scim-endpoint.decorator';
import { SCIM_ROUTE_PREFIX } from '../scim-base-url';
import { parseListQuery, searchParameters, type ListQuery } from '../shared/list-query';
import { toListResponse } from '../shared/list-response';
import { UserEndpoints } from '../users/user-endpoints';

/**
 * POST /.search at the tenant root (RFC 7644 §3.4.3): the filter runs against every resource
 * type it can apply to (a filter on userName matches no group), Users first, then Groups, paged
 * over the concatenation. Cursor paging is offered per resource type, not here.
 */
@ApiTags('SCIM Search')
@ApiBearerAuth('bearer')
@ScimEndpoint()
@Controller(SCIM_ROUTE_PREFIX)
export class RootSearchController {
  constructor(
    private readonly users: UserEndpoints,
    private readonly groups: GroupEndpoints,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiOperation({ summary: 'Search all resource types with a SearchRequest (RFC 7644 §3.4.3)' })
  @Post('.search')
  @HttpCode(200)
  async search(@CurrentPrincipal() principal: ScimPrincipal, @Body() body: unknown) {
    const raw = searchParameters(body);
    const policy = idpProfilePolicy(principal.idpProfile);
    // Syntax errors are reported as such, before asking which resource types the filter fits.
    if (raw.filter !== undefined && raw.filter !== '') parseFilter(String(raw.filter), filterOptions(policy));
    const userQuery = this.queryFor(raw, USER_RESOURCE_SCHEMA, policy);
    const groupQuery = this.queryFor(raw, GROUP_RESOURCE_SCHEMA, policy);
    if (!userQuery && !groupQuery) throw new InvalidFilterError('SCIM-kDuF', 'The filter applies to no resource type.');
    const page = (userQuery ?? groupQuery)!;
    const totals = await Promise.all([
      userQuery ? this.users.list(principal, { ...userQuery, count: 0 }) : undefined,
      groupQuery ? this.groups.list(principal, { ...groupQuery, count: 0 }) : undefined,
    ]);
    const userTotal = totals[0]?.totalResults ?? 0;
    const groupTotal = totals[1]?.totalResults ?? 0;
    const resources: ListResult['resources'] = [];
    const start = page.startIndex;
    if (userQuery && start <= userTotal && page.count > 0) {
      resources.push(
        ...(await this.users.list(principal, { ...userQuery, startIndex: start, count: page.count })).resources,
      );
    }
    const remaining = page.count - resources.length;
    if (groupQuery && remaining > 0) {
      const groupStart = Math.max(1, start - userTotal);
      if (groupStart <= groupTotal)
        resources.push(
          ...(await this.groups.list(principal, { ...groupQuery, startIndex: groupStart, count: remaining })).resources,
        );
    }
    return toListResponse({
      resources,
      totalResults: userTotal + groupTotal,
      startIndex: start,
      itemsPerPage: resources.length,
    });
  }

  @ApiExcludeEndpoint()
  @All('.search')
  methodNotAllowed(@Req() req: HttpRequest): never {
    throw new MethodNotAllowedError('SCIM-7hnR', req.method, 'POST');
  }

  /** The request as a query on one resource type, or undefined when its filter names attributes that type lacks. */
  private queryFor(
    raw: ReturnType<typeof searchParameters>,
    schema: ResourceSchema,
    policy: IdpProfilePolicy,
  ): ListQuery | undefined {
    try {
      return {
        ...parseListQuery({ ...raw, cursor: undefined }, schema, this.config.SCIM_MAX_RESULTS, policy),
        cursor: undefined,
      };
    } catch (error) {
      if (error instanceof InvalidFilterError && raw.filter !== undefined) return undefined;
      throw error;
    }
  }
}
