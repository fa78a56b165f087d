import { USER_RESOURCE_SCHEMA } from '@lib/scim';
import { userSources } from '../filter-sql/attribute-sources';
import type { SqlExecutor } from '../projection/sql-executor';
import { LIVE_TABLES, type QualifiedTables } from '../schema/table-names';
import { runListQuery, type ListOptions, type ListResult } from './list-query';
import { userResourceSql } from './resource-sql';
import { readResourceView, type ResourceView } from './resource-view';

export interface QueryServiceOptions {
  /** Server maximum page size (ServiceProviderConfig filter.maxResults, SCIM_MAX_RESULTS). */
  maxResults?: number;
  tables?: QualifiedTables;
}

export interface UserListOptions extends ListOptions {
  /** Leave out the readOnly `groups` (one less subquery per row). */
  excludeGroups?: boolean;
}

/** Reads of the Users read model for the gateway; every query is scoped by tenant. */
export class UserQueries {
  private readonly tables: QualifiedTables;
  private readonly maxResults: number;

  constructor(
    private readonly db: SqlExecutor,
    options: QueryServiceOptions = {},
  ) {
    this.tables = options.tables ?? LIVE_TABLES;
    this.maxResults = options.maxResults ?? 1000;
  }

  list(tenantId: string, options: UserListOptions = {}): Promise<ListResult> {
    return runListQuery(
      this.db,
      {
        table: this.tables.users,
        resourceSchema: USER_RESOURCE_SCHEMA,
        sources: userSources(this.tables),
        resourceSql: userResourceSql(this.tables, !options.excludeGroups),
        maxResults: this.maxResults,
      },
      tenantId,
      options,
    );
  }

  getById(tenantId: string, id: string, options: { excludeGroups?: boolean } = {}): Promise<ResourceView | undefined> {
    return readResourceView(
      this.db,
      this.tables.users,
      userResourceSql(this.tables, !options.excludeGroups),
      tenantId,
      id,
    );
  }
}
