import type { EventSource } from '../runtime/follower-handler';
import type { FollowerRuntime } from '../runtime/follower-runtime';

export interface FollowerReport {
  name: string;
  state: string;
  instance: string;
  epoch: number | null;
  position: number;
  headPosition: number;
  lagEvents: number;
  /** now − occurredAt of the oldest event not yet followed; 0 when caught up. */
  lagSeconds: number;
  parkedTenants: number;
  parked: ReturnType<FollowerRuntime['health']>['parked'];
  lastError: string | null;
  appliedEvents: number;
  backoffs: number;
  stateSince: string;
}

/** Position, lag and state of one follower as this process sees it (the standby reads the stored checkpoint). */
export async function followerReport(
  runtime: FollowerRuntime,
  source: EventSource,
  now: () => Date = () => new Date(),
): Promise<FollowerReport> {
  const health = runtime.health();
  const [position, headPosition] = await Promise.all([runtime.position(), source.headPosition()]);
  const [oldest] = headPosition > position ? await source.readAll({ after: position, maxCount: 1 }) : [];
  const lagSeconds = oldest ? Math.max(0, (now().getTime() - Date.parse(oldest.metadata.occurredAt)) / 1000) : 0;
  return {
    name: health.name,
    state: health.state,
    instance: health.instance,
    epoch: health.epoch,
    position,
    headPosition,
    lagEvents: Math.max(0, headPosition - position),
    lagSeconds: Number.isFinite(lagSeconds) ? lagSeconds : 0,
    parkedTenants: health.parked.length,
    parked: health.parked,
    lastError: health.lastError,
    appliedEvents: health.appliedEvents,
    backoffs: health.backoffs,
    stateSince: health.stateSince,
  };
}

/**
 * Readiness of a follower: up while it runs (active, standby, or backing off while a dependency
 * is away: the dependency's own check says so). Parked tenants do not take it down: every other
 * tenant is served. With `maxLagEvents`, also down when that far behind (the publisher: Kafka
 * away for long). Details are for the operator endpoint and logs only.
 */
export async function followerReadiness(
  runtime: FollowerRuntime,
  source: EventSource,
  maxLagEvents?: number,
): Promise<{ up: boolean; details: Record<string, unknown> }> {
  const report = await followerReport(runtime, source);
  const lagging = maxLagEvents !== undefined && report.lagEvents > maxLagEvents;
  return {
    up: runtime.isRunning() && report.state !== 'stopped' && !lagging,
    details: { ...report, ...(maxLagEvents !== undefined ? { maxLagEvents } : {}) },
  };
}
