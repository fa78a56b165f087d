import { USER_RESOURCE_SCHEMA } from '@lib/scim';
import { userSources } from '../filter-sql/attribute-sources';
import type { SqlExecutor } from '../projection/sql-executor';
import type { ListOptions, ListResult } from './list-query';
import { ResourceQueries, type QueryServiceOptions, type ResourceTable } from './resource-queries';
import { userResourceSql } from './resource-sql';
import type { ResourceView } from './resource-view';

export interface UserListOptions extends ListOptions {
  /** Leave out the readOnly `groups` (one less subquery per row). */
  excludeGroups?: boolean;
}

const USERS: ResourceTable = {
  resourceSchema: USER_RESOURCE_SCHEMA,
  table: (tables) => tables.users,
  sources: userSources,
  resourceSql: userResourceSql,
};

/** Reads of the Users read model for the gateway; every query is scoped by tenant. */
export class UserQueries extends ResourceQueries {
  constructor(db: SqlExecutor, options: QueryServiceOptions = {}) {
    super(USERS, db, options);
  }

  list(tenantId: string, options: UserListOptions = {}): Promise<ListResult> {
    return this.listResources(tenantId, options, !options.excludeGroups);
  }

  getById(tenantId: string, id: string, options: { excludeGroups?: boolean } = {}): Promise<ResourceView | undefined> {
    return this.readResource(tenantId, id, !options.excludeGroups);
  }
}
