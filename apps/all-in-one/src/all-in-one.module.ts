import { Module, type DynamicModule } from '@nestjs/common';
import { AuditProjectionModule } from '@lib/audit';
import type { ServiceContext } from '@lib/platform';
import { ProjectorModule } from '../../projector/src/projector.module';
import { PublisherModule } from '../../publisher/src/publisher.module';
import { GatewayModule } from '../../scim-gateway/src/gateway.module';
import { FollowerThreadsModule } from './followers/follower-threads.module';

/**
 * The quickstart: gateway, projectors (read models, audit) and publisher in one process. The
 * followers run on the gateway's event loop, or in worker threads (ALL_IN_ONE_FOLLOWERS).
 * The publisher publishes only when KAFKA_BROKERS is set; until then events wait in the store.
 */
@Module({})
export class AllInOneModule {
  static forRoot(infrastructure: DynamicModule, context: ServiceContext): DynamicModule {
    const followers =
      context.env.ALL_IN_ONE_FOLLOWERS === 'worker-threads'
        ? [FollowerThreadsModule.forRoot(context)]
        : [ProjectorModule, AuditProjectionModule, PublisherModule];
    return {
      module: AllInOneModule,
      imports: [GatewayModule.forRoot(infrastructure), ...followers],
    };
  }
}
