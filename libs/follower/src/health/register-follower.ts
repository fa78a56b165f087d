import type { Registry } from 'prom-client';
import type { LivenessChecks, ReadinessChecks } from '@lib/platform';
import type { EventSource } from '../runtime/follower-handler';
import type { FollowerRuntime } from '../runtime/follower-runtime';
import { followerReadiness } from './follower-health';
import { FollowerMetrics } from './follower-metrics';

export interface FollowerRegistration {
  /** The readiness/liveness check's name (`projector`, `auditProjection`, `publisher`). */
  check: string;
  runtime: FollowerRuntime;
  source: EventSource;
  readiness: ReadinessChecks;
  liveness?: LivenessChecks;
  registry?: Registry;
  maxLagEvents?: number;
}

/** Health and metrics of one follower in the app that runs it. */
export function registerFollower(registration: FollowerRegistration): void {
  const { check, runtime, source } = registration;
  registration.readiness.register(check, () => followerReadiness(runtime, source, registration.maxLagEvents));
  registration.liveness?.register(check, () => runtime.isRunning());
  if (registration.registry) FollowerMetrics.of(registration.registry).add(runtime, source);
}
