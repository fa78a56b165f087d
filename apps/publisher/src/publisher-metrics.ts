import { Gauge, type Registry } from 'prom-client';
import type { Publisher, PublisherMetrics } from './publisher';

/**
 * Publisher gauges in the registry the service exposes on /metrics. Values are read from the
 * publisher and the event store when scraped, so lag is measured, not estimated.
 */
export function registerPublisherMetrics(registry: Registry, publisher: Publisher): void {
  const labels = { publisher: publisher.name };
  // One read per scrape, shared by the gauges (prom-client calls each gauge's collect()).
  let pending: Promise<PublisherMetrics> | null = null;
  const read = () => (pending ??= publisher.metrics().finally(() => setImmediate(() => (pending = null))));

  const gauge = (name: string, help: string, pick: (m: PublisherMetrics) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['publisher'],
      registers: [registry],
      async collect() {
        try {
          this.set(labels, pick(await read()));
        } catch {
          // The store is unreachable: keep the last value rather than fail the whole scrape.
        }
      },
    });

  gauge('scim_publisher_lag_events', 'Events in the log not yet published (head position minus checkpoint)', (m) => m.lagEvents);
  gauge('scim_publisher_lag_seconds', 'Age of the oldest unpublished event (now minus occurredAt), 0 when caught up', (m) => m.lagSeconds);
  gauge('scim_publisher_last_published_position', 'Global log position acknowledged by Kafka and checkpointed', (m) => m.lastPublishedPosition);
  gauge('scim_publisher_failed', '1 when the publisher stopped on a message the broker rejects permanently', (m) => (m.status === 'failed' ? 1 : 0));
}

/** Readiness: down when failed, or when further behind than `maxLagEvents` (Kafka down for long). */
export async function publisherReadiness(publisher: Publisher, maxLagEvents: number): Promise<{ up: boolean; details: Record<string, unknown> }> {
  const m = await publisher.metrics();
  const up = m.status !== 'failed' && m.status !== 'stopped' && m.lagEvents <= maxLagEvents;
  return { up, details: { status: m.status, lagEvents: m.lagEvents, lagSeconds: m.lagSeconds, maxLagEvents, lastError: m.lastError, failure: m.failure } };
}
