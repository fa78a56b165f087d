export * from './list-query';
export * from './resource-sql';
export type { ResourceView } from './resource-view';
export * from './resource-queries';
export * from './user-queries';
export * from './group-queries';
export { PreparedStatements } from './prepared-statements';
