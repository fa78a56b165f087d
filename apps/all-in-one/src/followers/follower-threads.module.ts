import {
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import {
  LivenessChecks,
  LOGGER,
  METRICS_REGISTRY,
  MetricsSources,
  ReadinessChecks,
  type ServiceContext,
} from '@lib/platform';
import { FOLLOWER_GROUPS } from './follower-group';
import { FollowerThread } from './follower-thread';

const FOLLOWER_THREADS = Symbol('FOLLOWER_THREADS');

/**
 * The all-in-one service's followers in worker threads (one per FollowerGroup), so that the
 * projections and the publisher use the machine's other cores instead of the gateway's event
 * loop. Their readiness checks, liveness and metrics appear in this process's /health and
 * /metrics under the same names as when they run on the main thread or in their own apps.
 */
@Module({})
export class FollowerThreadsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(FOLLOWER_THREADS) private readonly threads: FollowerThread[],
    @Inject(ReadinessChecks) private readonly readiness: ReadinessChecks,
    @Inject(LivenessChecks) private readonly liveness: LivenessChecks,
    @Inject(MetricsSources) private readonly metricsSources: MetricsSources,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  static forRoot(context: ServiceContext): DynamicModule {
    return {
      module: FollowerThreadsModule,
      providers: [
        {
          provide: FOLLOWER_THREADS,
          inject: [LOGGER],
          useFactory: (logger: Logger) =>
            FOLLOWER_GROUPS.map(
              (group) =>
                new FollowerThread({ group, env: { ...context.env }, databaseUrl: context.database.url }, logger),
            ),
        },
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    const starts = await Promise.allSettled(this.threads.map((thread) => thread.start()));
    const failed = starts.find((start): start is PromiseRejectedResult => start.status === 'rejected');
    if (failed) {
      // The service does not start: no thread of it is left running.
      await Promise.all(this.threads.map((thread) => thread.stop()));
      throw failed.reason;
    }
    for (const thread of this.threads) {
      for (const check of thread.readiness) this.readiness.register(check, () => thread.checkReadiness(check));
      for (const check of thread.livenessChecks()) this.liveness.register(check, () => thread.isAlive(check));
      this.metricsSources.register(`followers-${thread.group}`, () => thread.metrics());
    }
    const threads = this.threads;
    new Counter({
      name: 'scim_follower_thread_restarts_total',
      help: 'Follower threads of the all-in-one service started again after they ended',
      labelNames: ['thread'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const thread of threads) this.inc({ thread: thread.group }, thread.restartCount);
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.stop()));
  }
}
