import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { AuditModule } from '@lib/audit';
import { ConsoleModule } from '@lib/console';
import { ParkedEventsController } from '@lib/follower';
import { APP_CONFIG, PG_POOL, QUERY_POOL, type AppConfig } from '@lib/platform';
import { GroupQueries, PreparedStatements, ReadModelMemberDirectory, UserQueries } from '@lib/read-model';
import { TenancyModule } from '@lib/tenancy';
import { PERSONAL_DATA_KEYS } from '@lib/personal-data';
import { DATA_KEY_SHREDDER, MEMBER_DIRECTORY, WriteModelModule, type DataKeyShredder } from '@lib/write-model';
import { RequireAuthSchemeGuard } from './auth/require-auth-scheme.guard';
import { DiscoveryController } from './discovery/discovery.controller';
import { UserErasureController } from './erasure/user-erasure.controller';
import { UserErasureService } from './erasure/user-erasure.service';
import { ScimExceptionFilter } from './http/scim-exception.filter';
import { BulkController } from './scim/bulk/bulk.controller';
import { BulkProcessor } from './scim/bulk/bulk-processor';
import { GroupEndpoints } from './scim/groups/group-endpoints';
import { GroupsController } from './scim/groups/groups.controller';
import { RootSearchController } from './scim/search/root-search.controller';
import { ReadYourWrites } from './scim/shared/read-your-writes';
import { EndpointServices } from './scim/shared/resource-endpoints';
import { GATEWAY_CLOCK } from './scim/shared/write-context';
import { UserEndpoints } from './scim/users/user-endpoints';
import { UsersController } from './scim/users/users.controller';

const PREPARED_READS = Symbol('PREPARED_READS');

/**
 * Read-model queries (prepared statements on the query pool) and the write model's member directory,
 * shared by the SCIM flows.
 */
@Module({
  providers: [
    ReadYourWrites,
    { provide: GATEWAY_CLOCK, useValue: () => new Date() },
    { provide: PREPARED_READS, inject: [QUERY_POOL], useFactory: (pool: Pool) => new PreparedStatements(pool) },
    {
      provide: UserQueries,
      inject: [PREPARED_READS, APP_CONFIG],
      useFactory: (reads: PreparedStatements, config: AppConfig) =>
        new UserQueries(reads, { maxResults: config.SCIM_MAX_RESULTS }),
    },
    {
      provide: GroupQueries,
      inject: [PREPARED_READS, APP_CONFIG],
      useFactory: (reads: PreparedStatements, config: AppConfig) =>
        new GroupQueries(reads, { maxResults: config.SCIM_MAX_RESULTS }),
    },
    {
      provide: MEMBER_DIRECTORY,
      inject: [PG_POOL, ReadYourWrites, APP_CONFIG],
      useFactory: (pool: Pool, ryw: ReadYourWrites, config: AppConfig) =>
        new ReadModelMemberDirectory(pool, ryw.checkpointWaiter, config.READ_YOUR_WRITES_TIMEOUT_MS),
    },
  ],
  exports: [ReadYourWrites, GATEWAY_CLOCK, UserQueries, GroupQueries, MEMBER_DIRECTORY],
})
class ReadSideModule {}

/** The SCIM gateway: SCIM endpoints, the tenant admin API, the audit API and the admin console (/console). */
@Module({})
export class GatewayModule {
  static forRoot(infrastructure: DynamicModule): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        infrastructure,
        CqrsModule.forRoot(),
        ReadSideModule,
        WriteModelModule.register({
          imports: [ReadSideModule],
          providers: [
            {
              provide: DATA_KEY_SHREDDER,
              inject: [PERSONAL_DATA_KEYS],
              useFactory: (keys: DataKeyShredder | null) => keys,
            },
          ],
        }),
        TenancyModule,
        AuditModule,
        ConsoleModule,
      ],
      controllers: [
        DiscoveryController,
        UsersController,
        GroupsController,
        RootSearchController,
        BulkController,
        ParkedEventsController,
        UserErasureController,
      ],
      providers: [
        UserEndpoints,
        GroupEndpoints,
        EndpointServices,
        BulkProcessor,
        UserErasureService,
        { provide: APP_FILTER, useClass: ScimExceptionFilter },
        { provide: APP_GUARD, useClass: RequireAuthSchemeGuard },
      ],
    };
  }
}
