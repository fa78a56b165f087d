import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceContext } from '@lib/platform';
import { GatewayModule } from '../../scim-gateway/src/gateway.module';

/** The quickstart: gateway, projector and publisher in one process (publisher only with KAFKA_BROKERS). */
@Module({})
export class AllInOneModule {
  static forRoot(infrastructure: DynamicModule, _context: ServiceContext): DynamicModule {
    return { module: AllInOneModule, imports: [GatewayModule.forRoot(infrastructure)] };
  }
}
