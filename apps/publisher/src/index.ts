export * from './publisher';
export * from './publisher-handler';
export * from './publisher.module';
export * from './publisher-store';
export * from './pg-publisher-store';
export { publisherMigrations } from '@lib/messaging';
