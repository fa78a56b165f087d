import type { ResourceSchema } from '@lib/scim';
import type { ResourceSources } from '../filter-sql/attribute-sources';
import type { SqlExecutor } from '../projection/sql-executor';
import { LIVE_TABLES, type QualifiedTables } from '../schema/table-names';
import { runListQuery, type ListOptions, type ListResult } from './list-query';
import { readResourceView, type ResourceView } from './resource-view';

export interface QueryServiceOptions {
  /** Server maximum page size (ServiceProviderConfig filter.maxResults, SCIM_MAX_RESULTS). */
  maxResults?: number;
  tables?: QualifiedTables;
}

/** Where one resource type lives in the read model. */
export interface ResourceTable {
  resourceSchema: ResourceSchema;
  table(tables: QualifiedTables): string;
  sources(tables: QualifiedTables): ResourceSources;
  /** The served resource for row alias `r`, with or without its references (a user's groups, a group's members). */
  resourceSql(tables: QualifiedTables, includeReferences: boolean): string;
}

/** Reads of one resource type's read model for the gateway; every query is scoped by tenant. */
export class ResourceQueries {
  protected readonly tables: QualifiedTables;
  private readonly maxResults: number;

  constructor(
    private readonly resourceTable: ResourceTable,
    protected readonly db: SqlExecutor,
    options: QueryServiceOptions = {},
  ) {
    this.tables = options.tables ?? LIVE_TABLES;
    this.maxResults = options.maxResults ?? 1000;
  }

  protected listResources(tenantId: string, options: ListOptions, includeReferences: boolean): Promise<ListResult> {
    const { resourceSchema, table, sources, resourceSql } = this.resourceTable;
    return runListQuery(
      this.db,
      {
        table: table(this.tables),
        resourceSchema,
        sources: sources(this.tables),
        resourceSql: resourceSql(this.tables, includeReferences),
        maxResults: this.maxResults,
      },
      tenantId,
      options,
    );
  }

  protected readResource(tenantId: string, id: string, includeReferences: boolean): Promise<ResourceView | undefined> {
    const { table, resourceSql } = this.resourceTable;
    return readResourceView(this.db, table(this.tables), resourceSql(this.tables, includeReferences), tenantId, id);
  }
}
