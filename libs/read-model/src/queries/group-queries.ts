import { GROUP_RESOURCE_SCHEMA } from '@lib/scim';
import { groupSources } from '../filter-sql/attribute-sources';
import type { SqlExecutor } from '../projection/sql-executor';
import type { ListOptions, ListResult } from './list-query';
import { ResourceQueries, type QueryServiceOptions, type ResourceTable } from './resource-queries';
import { groupResourceSql } from './resource-sql';
import type { ResourceView } from './resource-view';

export interface GroupListOptions extends ListOptions {
  /** Entra sends excludedAttributes=members: then the member rows are not even read. */
  excludeMembers?: boolean;
}

const GROUPS: ResourceTable = {
  resourceSchema: GROUP_RESOURCE_SCHEMA,
  table: (tables) => tables.groups,
  sources: groupSources,
  resourceSql: groupResourceSql,
};

/** Reads of the Groups read model for the gateway; every query is scoped by tenant. */
export class GroupQueries extends ResourceQueries {
  constructor(db: SqlExecutor, options: QueryServiceOptions = {}) {
    super(GROUPS, db, options);
  }

  list(tenantId: string, options: GroupListOptions = {}): Promise<ListResult> {
    return this.listResources(tenantId, options, !options.excludeMembers);
  }

  getById(tenantId: string, id: string, options: { excludeMembers?: boolean } = {}): Promise<ResourceView | undefined> {
    return this.readResource(tenantId, id, !options.excludeMembers);
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
      `SELECT user_id FROM ${this.tables.groupMembers} ` +
        'WHERE tenant_id = $1 AND group_id = $2 AND user_id = ANY($3::text[])',
      [tenantId, groupId, [...userIds]],
    );
    return new Set(rows.map((row) => row.user_id));
  }
}
