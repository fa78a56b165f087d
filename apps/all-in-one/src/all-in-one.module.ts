import { Module, type DynamicModule } from '@nestjs/common';
import { AuditProjectionModule } from '@lib/audit';
import type { ServiceContext } from '@lib/platform';
import { ProjectorModule } from '../../projector/src/projector.module';
import { PublisherModule } from '../../publisher/src/publisher.module';
import { GatewayModule } from '../../scim-gateway/src/gateway.module';

/**
 * The quickstart: gateway, projectors (read models, audit) and publisher in one process. The publisher publishes only
 * when KAFKA_BROKERS is set; until then events wait in the store.
 */
@Module({})
export class AllInOneModule {
  static forRoot(infrastructure: DynamicModule, _context: ServiceContext): DynamicModule {
    return {
      module: AllInOneModule,
      imports: [GatewayModule.forRoot(infrastructure), ProjectorModule, AuditProjectionModule, PublisherModule],
    };
  }
}
