/**
 * Every TypeORM migration of the service, in the order they must run. Each library owns its
 * migrations; this list composes them. Import migration arrays from their files, not from the
 * libraries' index, so that no library depends on another through here.
 */
import { eventStoreMigrations } from '../../../event-store/src/postgres/migrations';
import { writeModelMigrations } from '../../../write-model/src/migrations';
import { readModelMigrations } from '../../../read-model/src/migrations';
import { tenancyMigrations } from '../../../tenancy/src/migrations';
import { publisherMigrations } from '../../../messaging/src/publisher-state/migrations';
import { auditMigrations } from '../../../audit/src/migrations';
import { consoleMigrations } from '../../../console/src/migrations';
import { followerMigrations } from '../../../follower/src/migrations';
import { personalDataMigrations } from '../../../personal-data/src/migrations';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const allMigrations: Function[] = [
  ...eventStoreMigrations,
  ...writeModelMigrations,
  ...readModelMigrations,
  ...tenancyMigrations,
  ...publisherMigrations,
  ...auditMigrations,
  ...consoleMigrations,
  ...followerMigrations,
  ...personalDataMigrations,
];
