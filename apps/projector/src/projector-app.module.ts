import { Module, type DynamicModule } from '@nestjs/common';
import { ProjectorModule } from './projector.module';

/** The projector deployable: the shared infrastructure (health, metrics) and the projector. */
@Module({})
export class ProjectorAppModule {
  static forRoot(infrastructure: DynamicModule): DynamicModule {
    return { module: ProjectorAppModule, imports: [infrastructure, ProjectorModule] };
  }
}
