import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import { LivenessChecks, METRICS_REGISTRY, ReadinessChecks } from '@lib/platform';
import type { FollowerRuntime } from '../runtime/follower-runtime';
import { registerFollower } from './register-follower';

/**
 * registerFollower with what the app's infrastructure provides (the event store, the readiness
 * and liveness checks, the metrics registry when there is one): a module that runs a follower
 * lists this among its providers and registers its follower at bootstrap.
 */
@Injectable()
export class FollowerChecks {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(ReadinessChecks) private readonly readiness: ReadinessChecks,
    @Inject(LivenessChecks) private readonly liveness: LivenessChecks,
    @Optional() @Inject(METRICS_REGISTRY) private readonly registry?: Registry,
  ) {}

  /** `check` names the readiness and liveness checks (`projector`, `publisher`...). */
  register(check: string, runtime: FollowerRuntime, options: { maxLagEvents?: number } = {}): void {
    registerFollower({
      check,
      runtime,
      source: this.eventStore,
      readiness: this.readiness,
      liveness: this.liveness,
      registry: this.registry,
      maxLagEvents: options.maxLagEvents,
    });
  }
}
