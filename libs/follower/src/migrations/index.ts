import { CreateFollowerTables1765300000000 } from './1765300000000-create-follower-tables';

/** The follower runtime's migrations, in order; composed into the service's list in libs/platform. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const followerMigrations: Function[] = [CreateFollowerTables1765300000000];
