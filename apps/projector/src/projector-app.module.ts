import { Module, type DynamicModule } from '@nestjs/common';
import { AuditProjectionModule } from '@lib/audit';
import { ProjectorModule } from './projector.module';

/** The projector deployable: the SCIM read-model projector and the audit projector, with health and metrics. */
@Module({})
export class ProjectorAppModule {
  static forRoot(infrastructure: DynamicModule): DynamicModule {
    return { module: ProjectorAppModule, imports: [infrastructure, ProjectorModule, AuditProjectionModule] };
  }
}
