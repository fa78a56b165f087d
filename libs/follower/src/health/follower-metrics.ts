import { Gauge, type Registry } from 'prom-client';
import type { EventSource } from '../runtime/follower-handler';
import type { FollowerRuntime } from '../runtime/follower-runtime';
import { onePer } from '../runtime/one-per';
import { followerReport, type FollowerReport } from './follower-health';

const STATES = ['stopped', 'standby', 'active', 'backing-off'] as const;

/**
 * The followers' gauges on the service's /metrics, one label value per follower. Values are read
 * when scraped (position and head from the database), so lag is measured, not estimated.
 */
export class FollowerMetrics {
  private readonly followers = new Map<string, { runtime: FollowerRuntime; source: EventSource }>();
  private pending: Promise<FollowerReport[]> | null = null;

  /** The one set of follower gauges of `registry`. */
  static readonly of = onePer((registry: Registry) => new FollowerMetrics(registry));

  private constructor(registry: Registry) {
    const gauge = (name: string, help: string, pick: (r: FollowerReport) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['follower'],
        registers: [registry],
        collect: this.collector((g, r) => g.set({ follower: r.name }, pick(r))),
      });
    gauge('scim_follower_position', 'Global log position the follower has committed', (r) => r.position);
    gauge('scim_follower_lag_events', 'Events in the log not yet followed (head minus checkpoint)', (r) => r.lagEvents);
    gauge(
      'scim_follower_lag_seconds',
      'Age of the oldest event not yet followed (now minus occurredAt), 0 when caught up',
      (r) => r.lagSeconds,
    );
    gauge('scim_follower_active', '1 while this instance holds the follower lease', (r) =>
      r.state === 'active' || r.state === 'backing-off' ? 1 : 0,
    );
    gauge('scim_follower_parked_tenants', 'Tenants held behind a parked (poison) event', (r) => r.parkedTenants);
    gauge('scim_follower_backoffs', 'Backoffs since start (database or broker not answering)', (r) => r.backoffs);
    gauge('scim_follower_applied_events', 'Events applied by this instance since start', (r) => r.appliedEvents);
    new Gauge({
      name: 'scim_follower_state',
      help: 'The follower state of this instance (1 for the current one)',
      labelNames: ['follower', 'state'],
      registers: [registry],
      collect: this.collector((g, r) => {
        for (const state of STATES) g.set({ follower: r.name, state }, r.state === state ? 1 : 0);
      }),
    });
  }

  add(runtime: FollowerRuntime, source: EventSource): void {
    this.followers.set(runtime.name, { runtime, source });
  }

  private collector(write: (gauge: Gauge<string>, report: FollowerReport) => void) {
    const reports = () => this.reports();
    return async function (this: Gauge<string>) {
      try {
        for (const report of await reports()) write(this, report);
      } catch {
        // The database is unreachable: keep the last values rather than fail the whole scrape.
      }
    };
  }

  /** One read per scrape, shared by the gauges (prom-client calls each gauge's collect()). */
  private reports(): Promise<FollowerReport[]> {
    this.pending ??= Promise.all(
      [...this.followers.values()].map(({ runtime, source }) => followerReport(runtime, source)),
    ).finally(() => setImmediate(() => (this.pending = null)));
    return this.pending;
  }
}
