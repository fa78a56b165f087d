import { Injectable } from '@nestjs/common';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from 'prom-client';

/** A registry's metrics from outside this thread (a worker thread's `getMetricsAsJSON()`). */
export type MetricsSource = () => Promise<Array<MetricObjectWithValues<MetricValue<string>>>>;

/** What /metrics adds to the registry's own text: registered by whoever runs work elsewhere. */
@Injectable()
export class MetricsSources {
  private readonly sources = new Map<string, MetricsSource>();

  register(name: string, source: MetricsSource): void {
    this.sources.set(name, source);
  }

  /**
   * The sources' metrics in the exposition format, each metric declared once: two threads that
   * both run followers have the same gauges, told apart by their labels. A source that fails is
   * left out, so one scrape never fails as a whole.
   */
  async text(): Promise<string> {
    if (this.sources.size === 0) return '';
    const all = await Promise.all([...this.sources.values()].map((source) => source().catch(() => [])));
    return AggregatorRegistry.aggregate(all).metrics();
  }
}
