import { Module, type DynamicModule } from '@nestjs/common';
import { PublisherModule } from './publisher.module';

/** The publisher deployable: the shared infrastructure (health, metrics) and the Kafka publisher. */
@Module({})
export class PublisherAppModule {
  static forRoot(infrastructure: DynamicModule): DynamicModule {
    return { module: PublisherAppModule, imports: [infrastructure, PublisherModule] };
  }
}
