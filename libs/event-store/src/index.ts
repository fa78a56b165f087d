export * from './event-store.port';
export * from './errors';
export * from './request-metadata';
export * from './postgres';
export { eventStoreMigrations } from './postgres/migrations';
export * from './eventstoredb';
