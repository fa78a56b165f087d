/**
 * @lib/read-model — the SCIM read models on PostgreSQL: tables and migrations, the projection
 * (event type -> reducer), checkpoints, read-your-writes waiting, SCIM filter -> SQL and queries,
 * and the rebuild. See docs/read-model.md.
 */
export * from './schema/table-names';
export * from './schema/read-model-ddl';
export * from './migrations';
export * from './entities';
export * from './projection';
export * from './checkpoint/checkpoint-store';
export * from './filter-sql';
export * from './queries';
export * from './consistency';
export * from './rebuild';
