import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@lib/platform';
import { InvalidSyntaxError, SEARCH_REQUEST_URN, type ResourceSchema } from '@lib/scim';
import type { ScimPrincipal } from '@lib/tenancy';
import { GroupEndpoints } from '../groups/group-endpoints';
import { UserEndpoints } from '../users/user-endpoints';
import { parseListQuery, type RawListParameters } from './list-query';
import { toListResponse } from './list-response';

/** GET list and POST .search (RFC 7644 §3.4.2, §3.4.3) for either resource type. */
@Injectable()
export class ListQueries {
  constructor(
    private readonly users: UserEndpoints,
    private readonly groups: GroupEndpoints,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(principal: ScimPrincipal, schema: ResourceSchema, raw: RawListParameters) {
    const query = parseListQuery(raw, schema, this.config.SCIM_MAX_RESULTS);
    const endpoints = schema.name === 'User' ? this.users : this.groups;
    return toListResponse(await endpoints.list(principal, query));
  }

  search(principal: ScimPrincipal, schema: ResourceSchema, body: unknown) {
    return this.list(principal, schema, searchParameters(body));
  }
}

/** A SearchRequest body as list parameters; `schemas` must name the SearchRequest message. */
export function searchParameters(body: unknown): RawListParameters {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new InvalidSyntaxError('The SearchRequest must be a JSON object.');
  const request = body as Record<string, unknown>;
  const schemas = request.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(SEARCH_REQUEST_URN)) {
    throw new InvalidSyntaxError(`A SearchRequest must list "${SEARCH_REQUEST_URN}" in schemas.`);
  }
  return request as RawListParameters;
}
