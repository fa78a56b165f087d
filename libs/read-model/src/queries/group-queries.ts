import { GROUP_RESOURCE_SCHEMA } from '@lib/scim';
import { groupSources } from '../filter-sql/attribute-sources';
import type { SqlExecutor } from '../projection/sql-executor';
import { LIVE_TABLES, type QualifiedTables } from '../schema/table-names';
import { runListQuery, type ListOptions, type ListResult } from './list-query';
import { groupResourceSql } from './resource-sql';
import { readResourceView, type ResourceView } from './resource-view';
import type { QueryServiceOptions } from './user-queries';

export interface GroupListOptions extends ListOptions {
  /** Entra sends excludedAttributes=members: then the member rows are not even read. */
  excludeMembers?: boolean;
}

/** Reads of the Groups read model for the gateway; every query is scoped by tenant. */
export class GroupQueries {
  private readonly tables: QualifiedTables;
  private readonly maxResults: number;

  constructor(
    private readonly db: SqlExecutor,
    options: QueryServiceOptions = {},
  ) {
    this.tables = options.tables ?? LIVE_TABLES;
    this.maxResults = options.maxResults ?? 1000;
  }

  list(tenantId: string, options: GroupListOptions = {}): Promise<ListResult> {
    return runListQuery(
      this.db,
      {
        table: this.tables.groups,
        resourceSchema: GROUP_RESOURCE_SCHEMA,
        sources: groupSources(this.tables),
        resourceSql: groupResourceSql(this.tables, !options.excludeMembers),
        maxResults: this.maxResults,
      },
      tenantId,
      options,
    );
  }

  getById(tenantId: string, id: string, options: { excludeMembers?: boolean } = {}): Promise<ResourceView | undefined> {
    return readResourceView(
      this.db,
      this.tables.groups,
      groupResourceSql(this.tables, !options.excludeMembers),
      tenantId,
      id,
    );
  }

  /** The member user ids of a group (the MemberDirectory's query). */
  async memberIds(tenantId: string, groupId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ user_id: string }>(
      `SELECT user_id FROM ${this.tables.groupMembers} WHERE tenant_id = $1 AND group_id = $2 ORDER BY user_id`,
      [tenantId, groupId],
    );
    return rows.map((row) => row.user_id);
  }

  /** Which of `userIds` are members of the group now. */
  async membersAmong(tenantId: string, groupId: string, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const { rows } = await this.db.query<{ user_id: string }>(
      `SELECT user_id FROM ${this.tables.groupMembers} WHERE tenant_id = $1 AND group_id = $2 AND user_id = ANY($3::text[])`,
      [tenantId, groupId, [...userIds]],
    );
    return new Set(rows.map((row) => row.user_id));
  }
}
