import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@lib/platform';
import { SearchRequestDto, validateEnvelope, type ResourceSchema } from '@lib/scim';
import type { ScimPrincipal } from '@lib/tenancy';
import { GroupEndpoints } from '../groups/group-endpoints';
import { idpProfilePolicy } from '../idp-profiles/idp-profile-policy';
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
    const query = parseListQuery(raw, schema, this.config.SCIM_MAX_RESULTS, idpProfilePolicy(principal.idpProfile));
    const endpoints = schema.name === 'User' ? this.users : this.groups;
    return toListResponse(await endpoints.list(principal, query));
  }

  search(principal: ScimPrincipal, schema: ResourceSchema, body: unknown) {
    return this.list(principal, schema, searchParameters(body));
  }
}

/** A SearchRequest body (checked by the protocol library's DTO) as list parameters. */
export function searchParameters(body: unknown): RawListParameters {
  return validateEnvelope(SearchRequestDto, body) as RawListParameters;
}
