export * from './publisher';
export * from './publisher.module';
export * from './publisher-store';
export * from './pg-publisher-store';
export * from './publisher-metrics';
export { publisherMigrations } from './migrations';
