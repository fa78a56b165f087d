import { CreatePublisherTables1733100000000 } from './1733100000000-create-publisher-tables';

/**
 * The publisher's migrations (apps/publisher keeps its state in these tables), in order; composed into the service's
 * list in libs/platform.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const publisherMigrations: Function[] = [CreatePublisherTables1733100000000];
