import { Module, type DynamicModule } from '@nestjs/common';
import { AuditProjectionModule } from '@lib/audit';
import { ProjectorModule } from '../../../projector/src/projector.module';
import { PublisherModule } from '../../../publisher/src/publisher.module';

/**
 * The followers the all-in-one service runs, grouped by thread as deploy/k8s groups them by
 * process: the two projections share their reads of the log; the publisher runs apart.
 */
export type FollowerGroup = 'projections' | 'publisher';

export const FOLLOWER_GROUPS: readonly FollowerGroup[] = ['projections', 'publisher'];

const MODULES: Record<FollowerGroup, DynamicModule['imports']> = {
  projections: [ProjectorModule, AuditProjectionModule],
  publisher: [PublisherModule],
};

/** The root module of one follower thread: the shared infrastructure and the group's followers. */
@Module({})
export class FollowerGroupModule {
  static forRoot(infrastructure: DynamicModule, group: FollowerGroup): DynamicModule {
    return { module: FollowerGroupModule, imports: [infrastructure, ...(MODULES[group] ?? [])] };
  }
}
